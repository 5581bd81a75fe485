import { invalidRequest } from '../shared/domain-error';
import { addSeconds } from '../shared/time';
import { EnableProtection, RequestVerification, SecurityPolicy, VerifyIdentity } from './account.commands';
import { AccountEvent } from './account.events';
import { AccountState, PendingVerification, totpAuthenticators } from './account.state';
import { maskedDestinationFor, requireAccount } from './kernel/account-guards';
import { endOtherSessions, liveSession, requireStepUp } from './kernel/sessions';
import { checkVerificationCode } from './kernel/verification-check';

export function decideEnableProtection(policy: SecurityPolicy, command: EnableProtection, state: AccountState): AccountEvent[] {
  requireAccount(state);
  requireStepUp(state, command.sessionId, command.now, policy);
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
  requireStepUp(state, command.sessionId, command.now, policy);
  if (command.purpose !== 'ADD_AUTHENTICATOR') throw invalidRequest('purpose', 'one of ADD_AUTHENTICATOR');
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

/** Checks the code of an ENABLE_PROTECTION or ADD_AUTHENTICATOR verification. */
export function decideVerifyIdentity(policy: SecurityPolicy, command: VerifyIdentity, state: AccountState): AccountEvent[] {
  requireAccount(state);
  const { now, verificationId, codeHash } = command;
  const check = checkVerificationCode(policy, state, {
    now,
    verificationId,
    codeHash,
    purposes: ['ENABLE_PROTECTION', 'ADD_AUTHENTICATOR'],
    operation: 'VERIFY_IDENTITY',
    rejectedWhileLocked: command.rejectedWhileLocked ?? null,
  });
  if (!check.passed) return check.events;
  const { verification } = check;
  if (verification.purpose !== 'ENABLE_PROTECTION') return check.events;
  // SMS/EMAIL protection is active once the person is proven; TOTP once an authenticator is bound.
  const activeNow = verification.method !== 'TOTP' || totpAuthenticators(state).length > 0;
  if (!activeNow) return check.events;
  const enabled: AccountEvent = {
    type: 'ProtectionEnabled',
    data: { scenes: verification.scenes, method: verification.method, verificationId, at: now },
  };
  return [...check.events, enabled, ...protectionChangedInSession(state, command, verification)];
}

/**
 * Turning protection on ends every other session; the acting one stays, proven by the new factor
 * when the code that turned it on went by that factor's own channel.
 */
function protectionChangedInSession(state: AccountState, command: VerifyIdentity, verification: PendingVerification): AccountEvent[] {
  const { now, sessionId } = command;
  const othersEnded = endOtherSessions(state, sessionId, 'PROTECTION_CHANGED', now);
  const provenByNewFactor = verification.method !== 'TOTP' && verification.method === verification.channel;
  if (!provenByNewFactor || !sessionId || !liveSession(state, sessionId, now)) return othersEnded;
  return [...othersEnded, { type: 'StepUpSucceeded', data: { sessionId, method: verification.method, authenticatorId: null, at: now } }];
}
