import { DomainError } from '../shared/domain-error';
import { EndSession, RevokeOtherSessions, RevokeSession, SecurityPolicy, StepUp } from './account.commands';
import { AccountEvent, SecondFactorMethod, TotpCheckFailed } from './account.events';
import { AccountState } from './account.state';
import { FactorProof } from './factors/factor-proof';
import { checkRecoveryCode } from './factors/recovery-codes/recovery-codes';
import { checkTotpLogin } from './factors/totp/totp-login';
import { requireAccount } from './kernel/account-guards';
import { passLockGate, recordFailure } from './kernel/lockout';
import { endOtherSessions, endSessions, liveSession } from './kernel/sessions';

/** Logout: the acting session ends (already ended or expired: nothing to record). */
export function decideEndSession(command: EndSession, state: AccountState): AccountEvent[] {
  requireAccount(state);
  return endSessions(state, [command.sessionId], 'LOGOUT', command.now);
}

/** Ends one of the account's own live sessions; an unknown, ended or expired one: nothing to record. */
export function decideRevokeSession(command: RevokeSession, state: AccountState): AccountEvent[] {
  requireAccount(state);
  return endSessions(state, [command.targetSessionId], 'REVOKED', command.now);
}

export function decideRevokeOtherSessions(command: RevokeOtherSessions, state: AccountState): AccountEvent[] {
  requireAccount(state);
  return endOtherSessions(state, command.sessionId, 'OTHERS_REVOKED', command.now);
}

type ProofCheck =
  | { accepted: true; events: AccountEvent[]; method: SecondFactorMethod; authenticatorId: string | null }
  | { accepted: false; failure: (consecutiveFailures: number) => AccountEvent };

/**
 * A fresh second-factor proof on the acting session, checked like the second step of a logon: the
 * lock gate first, then the proof; a TOTP step is spent for its authenticator, and a failure counts
 * towards the lock like a failed completeLogin.
 */
export function decideStepUp(policy: SecurityPolicy, command: StepUp, state: AccountState): AccountEvent[] {
  requireAccount(state);
  const { now, sessionId } = command;
  if (!liveSession(state, sessionId, now)) throw new DomainError('SESSION_NOT_LIVE', 'this session has ended');
  const gate = passLockGate(state, now, 'STEP_UP', command.rejectedWhileLocked ?? null);
  if (gate.locked) return gate.events;
  const check = checkStepUpProof(state, command.proof, sessionId, command.now);
  if (!check.accepted) {
    return [...gate.events, ...recordFailure(policy, gate, now, check.failure)];
  }
  const { method, authenticatorId } = check;
  return [...gate.events, ...check.events, { type: 'StepUpSucceeded', data: { sessionId, method, authenticatorId, at: now } }];
}

/** One branch per kind of proof `stepUp` takes; a failure counts as the failed check of that factor. */
function checkStepUpProof(state: AccountState, proof: FactorProof | null, sessionId: string, now: string): ProofCheck {
  const totpFailed =
    (reason: TotpCheckFailed['data']['reason']) =>
    (consecutiveFailures: number): AccountEvent => ({
      type: 'TotpCheckFailed',
      data: { purpose: 'STEP_UP', reference: sessionId, reason, consecutiveFailures, at: now },
    });
  switch (proof?.kind) {
    case 'TOTP': {
      const totp = checkTotpLogin(state, proof, sessionId, now, 'STEP_UP');
      if (!totp.accepted) return { accepted: false, failure: totpFailed(totp.reason) };
      return { accepted: true, events: [totp.event], method: 'TOTP', authenticatorId: proof.authenticatorId };
    }
    case 'RECOVERY_CODE': {
      // A recovery code stands in for the TOTP code, once.
      const recovery = checkRecoveryCode(state, proof, { purpose: 'STEP_UP', reference: sessionId, now });
      if (!recovery.accepted) {
        const reason = recovery.reason;
        return {
          accepted: false,
          failure: (consecutiveFailures) => ({
            type: 'RecoveryCodeCheckFailed',
            data: { purpose: 'STEP_UP', reference: sessionId, reason, consecutiveFailures, at: now },
          }),
        };
      }
      return { accepted: true, events: [recovery.event], method: 'RECOVERY_CODE', authenticatorId: null };
    }
    case 'DELIVERED_CODE': // no code is sent for a step-up
    case undefined: // the code matched nothing
      return { accepted: false, failure: totpFailed('WRONG_CODE') };
  }
}
