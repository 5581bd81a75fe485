import { DomainError, invalidRequest } from '../shared/domain-error';
import { addSeconds } from '../shared/time';
import { EnableProtection, RequestVerification, SecurityPolicy, VerifyIdentity } from './account.commands';
import { AccountEvent } from './account.events';
import { AccountState, PendingVerification, totpAuthenticators } from './account.state';
import { maskedDestinationFor, requireAccount } from './kernel/account-guards';
import { endOtherSessions, liveSession, requireStepUp } from './kernel/sessions';
import { checkVerificationCode } from './kernel/verification-check';
import { destinationProven, protectionApplied, secondFactorRequired, weakensTotpProtection } from './kernel/protection-strength';

const destinationName = (channel: 'SMS' | 'EMAIL') => (channel === 'SMS' ? 'phone number' : 'email address');

export function decideEnableProtection(policy: SecurityPolicy, command: EnableProtection, state: AccountState): AccountEvent[] {
  requireAccount(state);
  requireStepUp(state, command.sessionId, command.now, policy);
  const scenes = [...new Set(command.scenes)];
  if (scenes.length === 0) throw invalidRequest('scenes', 'choose at least one scene');
  const maskedDestination = maskedDestinationFor(state, command.channel);
  const { method, channel } = command;
  if (method !== 'TOTP') {
    if ((method === 'SMS' ? state.phone : state.email) === null) {
      throw invalidRequest('method', `the account has no ${destinationName(method)}`);
    }
    // Logon codes go only to a proven destination: this verification must prove it, unless one did before.
    if (channel !== method && !destinationProven(state, method)) {
      throw invalidRequest('verifyBy', `the ${destinationName(method)} is not proven yet: verify by ${method}, so the code proves it`);
    }
  }
  // Replacing TOTP by a delivered code, or dropping a scene, goes through changeProtection with a TOTP code.
  if (weakensTotpProtection(state, { enabled: true, scenes, method })) throw secondFactorRequired('use changeProtection with totpCode');
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
        method,
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
  requireStepUp(state, command.sessionId, command.now, policy);
  const purposes = ['ADD_AUTHENTICATOR', 'CHANGE_PROTECTION', 'ERASE_ACCOUNT'] as const;
  if (!purposes.includes(command.purpose)) throw invalidRequest('purpose', `one of ${purposes.join(', ')}`);
  const { enabled, scenes, method } = state.protection;
  if (command.purpose === 'CHANGE_PROTECTION' && !enabled) {
    throw new DomainError('PROTECTION_NOT_ENABLED', 'protection is not enabled: turn it on with enableProtection');
  }
  const maskedDestination = maskedDestinationFor(state, command.channel);
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

/** Checks the code of an ENABLE_PROTECTION, ADD_AUTHENTICATOR, CHANGE_PROTECTION or ERASE_ACCOUNT verification. */
export function decideVerifyIdentity(policy: SecurityPolicy, command: VerifyIdentity, state: AccountState): AccountEvent[] {
  requireAccount(state);
  const { now, verificationId, codeHash } = command;
  const check = checkVerificationCode(policy, state, {
    now,
    verificationId,
    codeHash,
    purposes: ['ENABLE_PROTECTION', 'ADD_AUTHENTICATOR', 'CHANGE_PROTECTION', 'ERASE_ACCOUNT'],
    operation: 'VERIFY_IDENTITY',
    rejectedWhileLocked: command.rejectedWhileLocked ?? null,
  });
  if (!check.passed) return check.events;
  const { verification } = check;
  if (verification.purpose !== 'ENABLE_PROTECTION') return check.events;
  // SMS/EMAIL protection is active once the person is proven; TOTP once an authenticator is bound.
  const activeNow = verification.method !== 'TOTP' || totpAuthenticators(state).length > 0;
  if (!activeNow) return check.events;
  const target = { scenes: verification.scenes, method: verification.method };
  // Protection weakened meanwhile would be voided; TOTP put in force since then is never undone by a delivered code.
  if (weakensTotpProtection(state, { enabled: true, ...target })) return check.events;
  const applied = protectionApplied(state, target, verificationId, now);
  if (applied.length === 0) return check.events;
  return [...check.events, ...applied, ...protectionChangedInSession(state, command, verification)];
}

/**
 * Turning protection on (or changing it) ends every other session; the acting one stays, proven by
 * the new factor when the code that turned it on went by that factor's own channel.
 */
function protectionChangedInSession(state: AccountState, command: VerifyIdentity, verification: PendingVerification): AccountEvent[] {
  const { now, sessionId } = command;
  const othersEnded = endOtherSessions(state, sessionId, 'PROTECTION_CHANGED', now);
  const provenByNewFactor = verification.method !== 'TOTP' && verification.method === verification.channel;
  if (!provenByNewFactor || !sessionId || !liveSession(state, sessionId, now)) return othersEnded;
  return [...othersEnded, { type: 'StepUpSucceeded', data: { sessionId, method: verification.method, authenticatorId: null, at: now } }];
}
