import { endOtherSessions } from './kernel/sessions';
import { requireStepUp } from './kernel/sessions';
import { addSeconds } from '../shared/time';
import { ChangePassword, RequestPasswordReset, ResetPassword, SecurityPolicy } from './account.commands';
import { AccountEvent } from './account.events';
import { AccountState } from './account.state';
import { checkSecondFactor } from './factors/second-factor';
import { maskedDestinationFor, requireAccount, requireEnabled } from './kernel/account-guards';
import { passLockGate, recordFailure } from './kernel/lockout';
import { checkVerificationCode } from './kernel/verification-check';

/** A wrong current password is a PasswordCheckFailed like a logon's, and counts towards the lock. */
export function decideChangePassword(policy: SecurityPolicy, command: ChangePassword, state: AccountState): AccountEvent[] {
  requireAccount(state);
  requireStepUp(state, command.sessionId, command.now, policy);
  const { now } = command;
  const gate = passLockGate(state, now, 'CHANGE_PASSWORD', command.rejectedWhileLocked ?? null);
  if (gate.locked) return gate.events;
  if (!command.currentPasswordValid || command.newPasswordHash === null) {
    return [
      ...gate.events,
      // Counted account-wide, by the second-factor lock (addressKey null): the session is proven already,
      // so this is not the logon's per-address password step.
      ...recordFailure(policy, gate, now, (consecutiveFailures) => ({
        type: 'PasswordCheckFailed',
        data: { consecutiveFailures, addressKey: null, windowStartedAt: null, windowFailures: null, at: now },
      })),
    ];
  }
  return [
    ...gate.events,
    {
      type: 'PasswordChanged',
      data: { passwordHash: command.newPasswordHash, reason: 'CHANGE', sessionId: command.sessionId, verificationId: null, at: now },
    },
    ...endOtherSessions(state, command.sessionId, 'PASSWORD_CHANGED', now),
  ];
}

/**
 * A RESET_PASSWORD verification: a code to the account's own phone or email, recording the protection
 * in force. A disabled account (a RAM user its primary disabled) gets none: ACCOUNT_DISABLED.
 */
export function decideRequestPasswordReset(policy: SecurityPolicy, command: RequestPasswordReset, state: AccountState): AccountEvent[] {
  requireAccount(state);
  requireEnabled(state);
  const maskedDestination = maskedDestinationFor(state, command.channel);
  const { scenes, method } = state.protection;
  return [
    {
      type: 'IdentityVerificationStarted',
      data: {
        verificationId: command.verificationId,
        purpose: 'RESET_PASSWORD',
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

/**
 * The reset code is checked like any verification code (lock gate, attempts, failures counted);
 * then the logon's second factor (checkSecondFactor). A missing or wrong second factor is a failure
 * too, and leaves the verification unused, so that it can be tried again with the right one.
 */
export function decideResetPassword(policy: SecurityPolicy, command: ResetPassword, state: AccountState): AccountEvent[] {
  requireAccount(state);
  // A reset started before the primary disabled the account does not change its password.
  requireEnabled(state);
  const { now, verificationId } = command;
  const check = checkVerificationCode(policy, state, {
    now,
    verificationId,
    codeHash: command.codeHash,
    purposes: ['RESET_PASSWORD'],
    operation: 'RESET_PASSWORD',
    rejectedWhileLocked: command.rejectedWhileLocked ?? null,
  });
  if (!check.passed) return check.events;
  const beforeVerified = check.events.slice(0, -1);
  const use = { purpose: 'RESET_PASSWORD' as const, reference: verificationId, deliveredBy: check.verification.channel };
  const factor = checkSecondFactor(state, command.secondFactor, use, now);
  if (!factor.passed) {
    return [
      ...beforeVerified,
      ...recordFailure(policy, check, now, (consecutiveFailures): AccountEvent => {
        const failed = { reference: verificationId, consecutiveFailures, at: now };
        switch (factor.factor) {
          case 'CHANNEL':
            return {
              type: 'VerificationFailed',
              data: { verificationId, reason: 'UNKNOWN_REFERENCE', attempts: check.verification.attempts, consecutiveFailures, at: now },
            };
          case 'RECOVERY_CODE':
            return { type: 'RecoveryCodeCheckFailed', data: { purpose: 'RESET_PASSWORD', reason: factor.reason, ...failed } };
          case 'TOTP':
            return { type: 'TotpCheckFailed', data: { purpose: 'RESET_PASSWORD', reason: factor.reason, ...failed } };
        }
      }),
    ];
  }
  return [
    ...check.events,
    ...factor.events,
    {
      type: 'PasswordChanged',
      data: { passwordHash: command.newPasswordHash, reason: 'RESET', sessionId: null, verificationId, at: now },
    },
    // A reset is made without a session: every session ends.
    ...endOtherSessions(state, null, 'PASSWORD_CHANGED', now),
  ];
}
