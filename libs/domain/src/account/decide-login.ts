import { addSeconds } from '../shared/time';
import { CompleteLogin, Login, SecurityPolicy } from './account.commands';
import { AccountEvent, TotpCheckFailed } from './account.events';
import { AccountState } from './account.state';
import { deliveredCodeMatches } from './factors/delivered-code/delivered-code-login';
import { checkRecoveryCode } from './factors/recovery-codes/recovery-codes';
import { checkTotpLogin } from './factors/totp/totp-login';
import { requireAccount, requireEnabled } from './kernel/account-guards';
import { liveChallenge } from './kernel/challenges';
import { passLockGate, recordFailure } from './kernel/lockout';
import { expiredPasswordLocks, passwordFailed } from './kernel/password-step';
import { passwordRefusal, UNKNOWN_ADDRESS_KEY } from './kernel/password-guard';
import { logonFactor, nextLogonStep } from './logon-steps/next-logon-step';

/**
 * Step 1 of a logon (docs/adr/0005-lockout.md). An address the password step refuses (its own
 * lock, or the cap while it is not known) appends nothing: the handler did not check the password
 * and the answer comes from the state. A wrong password counts for its address and across all of
 * them; a right one passes the second-factor lock's gate, which refuses it while the account is locked.
 */
export function decideLogin(policy: SecurityPolicy, command: Login, state: AccountState): AccountEvent[] {
  requireAccount(state);
  requireEnabled(state);
  const now = command.now;
  const addressKey = command.addressKey ?? UNKNOWN_ADDRESS_KEY;
  if (passwordRefusal(state.guard, addressKey, now) !== null) return [];
  const unlocked = expiredPasswordLocks(state, addressKey, now);
  if (!command.passwordValid) return [...unlocked, ...passwordFailed(policy, state, addressKey, now)];
  const gate = passLockGate(state, now, 'LOGIN', command.rejectedWhileLocked ?? null);
  if (gate.locked) return gate.events.length === 0 ? [] : [...unlocked, ...gate.events];
  return [...unlocked, ...gate.events, ...nextLogonStep(policy, state, command, addressKey, now)];
}

/**
 * The second factor a logon of this account asks for by its own protection and its own "MFA
 * required" (not its primary's preference, which the handler passes to a logon), or null. An
 * enrollment still to come asks for none yet.
 */
export function secondFactorForLogon(state: AccountState): 'TOTP' | 'SMS' | 'EMAIL' | null {
  const factor = logonFactor(state, null);
  return factor === 'ENROLL' ? null : factor;
}

export function decideCompleteLogin(policy: SecurityPolicy, command: CompleteLogin, state: AccountState): AccountEvent[] {
  requireAccount(state);
  requireEnabled(state);
  const { now, challengeId, proof } = command;
  const gate = passLockGate(state, now, 'COMPLETE_LOGIN', command.rejectedWhileLocked ?? null);
  if (gate.locked) return gate.events;
  const method = state.challenges[challengeId]?.method ?? state.protection.method ?? 'TOTP';
  const fail = (reason: TotpCheckFailed['data']['reason']): AccountEvent[] => [
    ...gate.events,
    ...recordFailure(policy, gate, now, (consecutiveFailures) =>
      method === 'TOTP'
        ? { type: 'TotpCheckFailed', data: { purpose: 'LOGIN', reference: challengeId, reason, consecutiveFailures, at: now } }
        : {
            type: 'LoginCodeCheckFailed',
            data: { challengeId, reason: reason === 'REPLAYED_CODE' ? 'WRONG_CODE' : reason, consecutiveFailures, at: now },
          },
    ),
  ];
  const lookup = liveChallenge(state, challengeId, now);
  if (!lookup.found) return fail(lookup.reason);
  const { challenge } = lookup;
  const succeeded = (authenticatorId: string | null): AccountEvent => ({
    type: 'LoginSucceeded',
    data: {
      sessionId: command.sessionId,
      method: challenge.method,
      challengeId,
      addressKey: command.addressKey ?? challenge.addressKey,
      expiresAt: addSeconds(now, policy.sessionSeconds),
      authenticatorId,
      at: now,
    },
  });
  if (proof?.kind === 'RECOVERY_CODE') {
    // A recovery code stands in for the second factor, once; a wrong or spent one is a failure like a wrong code.
    const recovery = checkRecoveryCode(state, proof, { purpose: 'LOGIN', reference: challengeId, now });
    if (!recovery.accepted) {
      return [
        ...gate.events,
        ...recordFailure(policy, gate, now, (consecutiveFailures) => ({
          type: 'RecoveryCodeCheckFailed',
          data: { purpose: 'LOGIN', reference: challengeId, reason: recovery.reason, consecutiveFailures, at: now },
        })),
      ];
    }
    const session = succeeded(null);
    return [...gate.events, recovery.event, { ...session, data: { ...session.data, method: 'RECOVERY_CODE' } } as AccountEvent];
  }
  if (challenge.method !== 'TOTP') {
    return deliveredCodeMatches(challenge, proof) ? [...gate.events, succeeded(null)] : fail('WRONG_CODE');
  }
  const totp = checkTotpLogin(state, proof, challengeId, now);
  return totp.accepted && proof?.kind === 'TOTP'
    ? [...gate.events, totp.event, succeeded(proof.authenticatorId)]
    : fail(totp.accepted ? 'WRONG_CODE' : totp.reason);
}
