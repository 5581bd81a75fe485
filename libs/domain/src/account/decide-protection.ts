import { invalidRequest } from '../shared/domain-error';
import { addSeconds } from '../shared/time';
import { EnableProtection, RequestVerification, SecurityPolicy, VerifyIdentity } from './account.commands';
import { AccountEvent } from './account.events';
import { AccountState, totpAuthenticators } from './account.state';
import { maskedDestinationFor, requireAccount } from './kernel/account-guards';
import { checkVerificationCode } from './kernel/verification-check';

export function decideEnableProtection(policy: SecurityPolicy, command: EnableProtection, state: AccountState): AccountEvent[] {
  requireAccount(state);
  const scenes = [...new Set(command.scenes)];
  if (scenes.length === 0) throw invalidRequest('scenes', 'choose at least one scene');
  const maskedDestination = maskedDestinationFor(state, command.channel);
  if ((command.method === 'SMS' && state.phone === null) || (command.method === 'EMAIL' && state.email === null)) {
    throw invalidRequest('method', `the account has no ${command.method === 'SMS' ? 'phone number' : 'email address'}`);
  }
  return [
    {
      type: 'IdentityVerificationStarted',
      data: {
        verificationId: command.verificationId,
        purpose: 'ENABLE_PROTECTION',
        channel: command.channel,
        maskedDestination,
        codeHash: command.codeHash,
        expiresAt: addSeconds(command.now, policy.verificationCodeSeconds),
        scenes,
        method: command.method,
        at: command.now,
      },
    },
  ];
}

/**
 * A general identity verification (a code to the account's own phone or email) for one purpose;
 * any account with a destination may ask. It records the protection in force when asked.
 */
export function decideRequestVerification(policy: SecurityPolicy, command: RequestVerification, state: AccountState): AccountEvent[] {
  requireAccount(state);
  if (command.purpose !== 'ADD_AUTHENTICATOR' && command.purpose !== 'ERASE_ACCOUNT') {
    throw invalidRequest('purpose', 'one of ADD_AUTHENTICATOR, ERASE_ACCOUNT');
  }
  const maskedDestination = maskedDestinationFor(state, command.channel);
  const { scenes, method } = state.protection;
  return [
    {
      type: 'IdentityVerificationStarted',
      data: {
        verificationId: command.verificationId,
        purpose: command.purpose,
        channel: command.channel,
        maskedDestination,
        codeHash: command.codeHash,
        expiresAt: addSeconds(command.now, policy.verificationCodeSeconds),
        scenes: [...scenes],
        method: method ?? 'TOTP',
        at: command.now,
      },
    },
  ];
}

/** Checks the code of an ENABLE_PROTECTION, ADD_AUTHENTICATOR or ERASE_ACCOUNT verification. */
export function decideVerifyIdentity(policy: SecurityPolicy, command: VerifyIdentity, state: AccountState): AccountEvent[] {
  requireAccount(state);
  const { now, verificationId, codeHash } = command;
  const check = checkVerificationCode(policy, state, {
    now,
    verificationId,
    codeHash,
    purposes: ['ENABLE_PROTECTION', 'ADD_AUTHENTICATOR', 'ERASE_ACCOUNT'],
    operation: 'VERIFY_IDENTITY',
    rejectedWhileLocked: command.rejectedWhileLocked ?? null,
  });
  if (!check.passed) return check.events;
  const { verification } = check;
  if (verification.purpose !== 'ENABLE_PROTECTION') return check.events;
  // SMS/EMAIL protection is active once the person is proven; TOTP once an authenticator is bound.
  const activeNow = verification.method !== 'TOTP' || totpAuthenticators(state).length > 0;
  const enabled: AccountEvent[] = activeNow
    ? [{ type: 'ProtectionEnabled', data: { scenes: verification.scenes, method: verification.method, verificationId, at: now } }]
    : [];
  return [...check.events, ...enabled];
}
