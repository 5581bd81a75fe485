import { addSeconds, isBefore } from '../../shared/time';
import { ProtectionScene } from '../../shared/types';
import { SecurityPolicy } from '../account.commands';
import { AccountEvent, DEFAULT_AUTHENTICATOR_NAME, TotpCheckFailed } from '../account.events';
import { AccountState, totpAuthenticators } from '../account.state';
import { requireAccount, requireEnabled } from '../kernel/account-guards';
import { passLockGate, recordFailure } from '../kernel/lockout';
import { protectionApplied } from '../kernel/protection-strength';
import { endOtherSessions } from '../kernel/sessions';
import { CompleteEnrollment } from '../logon-aid.commands';

/**
 * The second step of a forced enrollment (as Alibaba's BindMFADevice and AWS's EnableMFADevice):
 * two consecutive codes of the new secret, code1 for step t and code2 for t + 1, near now (the
 * handler matches them; `matchedTimeStep` is t + 1). Accepted, they bind the authenticator (both
 * steps spent: its history starts at t + 1), put TOTP protection on LOGON in force and log on.
 * A pair that is not consecutive, reversed or wrong, an expired or used enrollment: a TotpCheckFailed
 * (purpose BIND) that counts towards the lock like any wrong code. The lock gate comes first.
 */
export function decideCompleteEnrollment(policy: SecurityPolicy, command: CompleteEnrollment, state: AccountState): AccountEvent[] {
  requireAccount(state);
  // A step issued before the primary disabled the user does not finish its logon.
  requireEnabled(state);
  const { now, enrollmentId } = command;
  const gate = passLockGate(state, now, 'COMPLETE_LOGIN', command.rejectedWhileLocked ?? null);
  if (gate.locked) return gate.events;
  const fail = (reason: TotpCheckFailed['data']['reason']): AccountEvent[] => [
    ...gate.events,
    ...recordFailure(policy, gate, now, (consecutiveFailures) => ({
      type: 'TotpCheckFailed',
      data: { purpose: 'BIND', reference: enrollmentId, reason, consecutiveFailures, at: now },
    })),
  ];
  const enrollment = state.logonEnrollments[enrollmentId];
  // A bound authenticator voids every pending logon enrollment (the fold drops them too).
  if (!enrollment || totpAuthenticators(state).length > 0) return fail('UNKNOWN_REFERENCE');
  if (!isBefore(now, enrollment.expiresAt)) return fail('EXPIRED');
  if (command.matchedTimeStep === null) return fail('WRONG_CODE');
  const scenes: ProtectionScene[] = state.protection.enabled ? [...new Set([...state.protection.scenes, 'LOGON' as const])] : ['LOGON'];
  return [
    ...gate.events,
    {
      type: 'TotpCodeAccepted',
      data: { authenticatorId: enrollmentId, timeStep: command.matchedTimeStep, purpose: 'BIND', reference: enrollmentId, at: now },
    },
    { type: 'TotpBound', data: { authenticatorId: enrollmentId, secret: enrollment.secret, name: DEFAULT_AUTHENTICATOR_NAME, at: now } },
    ...protectionApplied(state, { scenes, method: 'TOTP' }, enrollmentId, now),
    ...endOtherSessions(state, null, 'PROTECTION_CHANGED', now),
    {
      type: 'LoginSucceeded',
      data: {
        sessionId: command.sessionId,
        method: 'TOTP',
        challengeId: null,
        addressKey: command.addressKey ?? enrollment.addressKey,
        expiresAt: addSeconds(now, policy.sessionSeconds),
        authenticatorId: enrollmentId,
        at: now,
      },
    },
  ];
}
