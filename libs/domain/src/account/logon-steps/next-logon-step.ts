import { addSeconds } from '../../shared/time';
import { Instant } from '../../shared/types';
import { SecurityPolicy } from '../account.commands';
import { AccountEvent } from '../account.events';
import { AccountState, totpAuthenticators } from '../account.state';
import { LogonAidFacts } from '../logon-aid.commands';
import { rememberedDeviceFor } from '../remembered-devices/remembered-devices';
import { SecurityPreference } from '../security-preference/security-preference.events';

/** The second factor a logon needs: an enrollment first (ENROLL), a method, or none. */
export type LogonFactor = 'ENROLL' | 'TOTP' | 'SMS' | 'EMAIL' | null;

/** Whether MFA is required of this account's logons: its own RAM-user flag, or its primary's preference for every RAM user. */
export function mfaRequiredFor(state: AccountState, preference: SecurityPreference | null | undefined): boolean {
  return state.mfaRequired || (state.primaryAccountId !== null && (preference?.ramUserMfaRequired ?? false));
}

/**
 * The factor a logon asks for. Where MFA is required, that is a TOTP authenticator: one is enrolled
 * at the logon when none is bound (a code by SMS or email does not meet the requirement); otherwise
 * the account's own protection decides, as before.
 */
export function logonFactor(state: AccountState, preference: SecurityPreference | null | undefined): LogonFactor {
  if (mfaRequiredFor(state, preference)) return totpAuthenticators(state).length === 0 ? 'ENROLL' : 'TOTP';
  const { enabled, scenes, method } = state.protection;
  if (!enabled || !scenes.includes('LOGON') || method === null) return null;
  if (method === 'TOTP' && totpAuthenticators(state).length === 0) return null;
  return method;
}

export interface LogonStepIds extends LogonAidFacts {
  sessionId: string;
  challengeId: string;
  challengeCodeHash: string | null;
}

/**
 * What follows a right password once the lock gate let it through, in this order: a new password
 * when one is required (PASSWORD_CHANGE_REQUIRED), an enrollment when MFA is required and nothing is
 * bound (MFA_ENROLLMENT_REQUIRED), the second factor (skipped for a remembered device), or the session.
 */
export function nextLogonStep(
  policy: SecurityPolicy,
  state: AccountState,
  step: LogonStepIds,
  addressKey: string,
  now: Instant,
): AccountEvent[] {
  if (state.passwordResetRequired) {
    const ticketId = required(step.passwordChangeTicketId, 'a password change ticket id');
    return [
      { type: 'PasswordChangeTicketIssued', data: { ticketId, expiresAt: addSeconds(now, policy.challengeSeconds), addressKey, at: now } },
    ];
  }
  const factor = logonFactor(state, step.preference);
  const succeeded = (): AccountEvent => ({
    type: 'LoginSucceeded',
    data: {
      sessionId: step.sessionId,
      method: 'PASSWORD',
      challengeId: null,
      addressKey,
      expiresAt: addSeconds(now, policy.sessionSeconds),
      authenticatorId: null,
      at: now,
    },
  });
  if (factor === null) return [succeeded()];
  if (factor === 'ENROLL') {
    const { enrollmentId, secret } = required(step.enrollment, 'an enrollment secret');
    return [
      {
        type: 'LogonEnrollmentStarted',
        data: { enrollmentId, secret, expiresAt: addSeconds(now, policy.enrollmentSeconds), addressKey, at: now },
      },
    ];
  }
  const deviceId = rememberedDeviceFor(state, step.rememberedDeviceTokenHash, step.preference, now);
  if (deviceId !== null) return [{ type: 'RememberedDeviceUsed', data: { deviceId, sessionId: step.sessionId, at: now } }, succeeded()];
  if (factor !== 'TOTP' && step.challengeCodeHash === null) throw new Error(`a ${factor} challenge needs a code hash`);
  return [
    {
      type: 'MfaChallengeIssued',
      data: {
        challengeId: step.challengeId,
        method: factor,
        codeHash: factor === 'TOTP' ? null : step.challengeCodeHash,
        expiresAt: addSeconds(now, policy.challengeSeconds),
        addressKey,
        maxAttempts: policy.challengeMaxAttempts,
        at: now,
      },
    },
  ];
}

function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`this logon step needs ${what} from the handler`);
  return value;
}
