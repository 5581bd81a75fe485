import { constantTimeEquals } from '../shared/constant-time';
import { DomainError } from '../shared/domain-error';
import { addSeconds, isBefore } from '../shared/time';
import { CompleteLogin, Login, SecurityPolicy } from './account.commands';
import { AccountEvent, TotpCheckFailed } from './account.events';
import { AccountState } from './account.state';
import { passLockGate, recordFailure } from './lockout';

export function decideLogin(policy: SecurityPolicy, command: Login, state: AccountState): AccountEvent[] {
  requireAccount(state);
  const now = command.now;
  const gate = passLockGate(state, now, 'LOGIN');
  if (gate.locked) return gate.events;
  if (!command.passwordValid) {
    return [...gate.events, ...recordFailure(policy, gate.failuresSoFar, now, (consecutiveFailures) => ({
      type: 'PasswordCheckFailed', data: { consecutiveFailures, at: now },
    }))];
  }
  const method = secondFactorForLogon(state);
  if (method === null) {
    return [...gate.events, {
      type: 'LoginSucceeded', data: { sessionId: command.sessionId, method: 'PASSWORD', challengeId: null, at: now },
    }];
  }
  if (method !== 'TOTP' && command.challengeCodeHash === null) {
    throw new Error(`a ${method} challenge needs a code hash`);
  }
  return [...gate.events, {
    type: 'MfaChallengeIssued',
    data: {
      challengeId: command.challengeId, method, codeHash: method === 'TOTP' ? null : command.challengeCodeHash,
      expiresAt: addSeconds(now, policy.challengeSeconds), at: now,
    },
  }];
}

/** The second factor a logon needs, or null when the account's protection does not cover logon. */
export function secondFactorForLogon(state: AccountState): 'TOTP' | 'SMS' | 'EMAIL' | null {
  const { enabled, scenes, method } = state.protection;
  if (!enabled || !scenes.includes('LOGON') || method === null) return null;
  if (method === 'TOTP' && state.totp === null) return null;
  return method;
}

export function decideCompleteLogin(policy: SecurityPolicy, command: CompleteLogin, state: AccountState): AccountEvent[] {
  requireAccount(state);
  const { now, challengeId } = command;
  const gate = passLockGate(state, now, 'COMPLETE_LOGIN');
  if (gate.locked) return gate.events;
  const challenge = state.challenges[challengeId];
  const method = challenge?.method ?? state.protection.method ?? 'TOTP';
  const fail = (reason: TotpCheckFailed['data']['reason']): AccountEvent[] => [
    ...gate.events,
    ...recordFailure(policy, gate.failuresSoFar, now, (consecutiveFailures) =>
      method === 'TOTP'
        ? { type: 'TotpCheckFailed', data: { purpose: 'LOGIN', reference: challengeId, reason, consecutiveFailures, at: now } }
        : {
          type: 'LoginCodeCheckFailed',
          data: { challengeId, reason: reason === 'REPLAYED_CODE' ? 'WRONG_CODE' : reason, consecutiveFailures, at: now },
        }),
  ];
  if (!challenge || challenge.completed) return fail('UNKNOWN_REFERENCE');
  if (!isBefore(now, challenge.expiresAt)) return fail('EXPIRED');
  const succeeded: AccountEvent = {
    type: 'LoginSucceeded', data: { sessionId: command.sessionId, method: challenge.method, challengeId, at: now },
  };
  if (challenge.method !== 'TOTP') {
    const matches = challenge.codeHash !== null && command.codeHash !== null
      && constantTimeEquals(challenge.codeHash, command.codeHash);
    return matches ? [...gate.events, succeeded] : fail('WRONG_CODE');
  }
  const step = command.matchedTimeStep;
  if (step === null || state.totp === null) return fail('WRONG_CODE');
  if (state.lastAcceptedTimeStep !== null && step <= state.lastAcceptedTimeStep) return fail('REPLAYED_CODE');
  return [...gate.events, {
    type: 'TotpCodeAccepted',
    data: { authenticatorId: state.totp.authenticatorId, timeStep: step, purpose: 'LOGIN', reference: challengeId, at: now },
  }, succeeded];
}

export function requireAccount(state: AccountState): void {
  if (!state.exists) throw new DomainError('ACCOUNT_NOT_FOUND', 'no such account');
}
