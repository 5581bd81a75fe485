import { AccountState, securityViewOf } from '@identity/domain';
import { AccountSecurityModel } from '../account-security/account-security.model';

/**
 * A mutation's payload shows its own write at once: it is built from the state the command left
 * (read-your-writes without waiting for `account_security.v3`); the domain's securityViewOf equals
 * the view the projection folds from the same events. Queries keep reading the read model.
 */
export function accountSecurityOf(state: AccountState): AccountSecurityModel {
  return AccountSecurityModel.fromView(securityViewOf(state));
}
