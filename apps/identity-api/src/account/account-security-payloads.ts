import { AccountSecurityView, AccountState } from '@identity/domain';
import { AccountSecurityModel } from '../account-security/account-security.model';

/**
 * A mutation's payload shows its own write at once: it is built from the state the command left
 * (read-your-writes without waiting for `account_security.v1`). `updatedAt` is the time of that
 * write. Queries keep reading the read model.
 */
export function accountSecurityOf(state: AccountState): AccountSecurityModel {
  return AccountSecurityModel.fromView(securityViewOf(state));
}

function securityViewOf(state: AccountState): AccountSecurityView {
  if (!state.exists || state.accountId === null || state.loginName === null || state.updatedAt === null) {
    throw new Error('a security payload needs a registered account');
  }
  return {
    accountId: state.accountId, loginName: state.loginName, primaryAccountId: state.primaryAccountId,
    protectionEnabled: state.protection.enabled, scenes: [...state.protection.scenes], method: state.protection.method,
    totpBound: state.totp !== null, totpBoundAt: state.totp?.boundAt ?? null, lockedUntil: state.lockedUntil,
    updatedAt: state.updatedAt,
  };
}
