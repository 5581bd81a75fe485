import { constantTimeEquals } from '../../shared/constant-time';
import { addSeconds, isBefore } from '../../shared/time';
import { Instant } from '../../shared/types';
import { RejectedWhileLockedTally, SecurityPolicy } from '../account.commands';
import { AccountEvent, VerificationFailed } from '../account.events';
import { AccountState, PendingPurpose, PendingVerification } from '../account.state';
import { FailureCounts, GuardedOperation, passLockGate, recordFailure } from './lockout';

export interface VerificationAttempt {
  now: Instant;
  verificationId: string;
  codeHash: string;
  /** The only purposes this operation accepts: a verification started for anything else is unknown to it. */
  purposes: readonly PendingPurpose[];
  operation: GuardedOperation;
  rejectedWhileLocked: RejectedWhileLockedTally | null;
}

/**
 * `passed`: the code proved the person, `events` end with `IdentityVerified` (its FailureCounts: the
 * failure counts before it, for an operation that still fails on another check). Otherwise `events` are
 * the whole answer: a rejection during a lock, a `VerificationFailed` (counting towards the lock),
 * or nothing more when the same right code is sent again for an already used verification.
 */
export type VerificationCheck =
  | ({ passed: true; events: AccountEvent[]; verification: PendingVerification; gateEvents: AccountEvent[] } & FailureCounts)
  | { passed: false; events: AccountEvent[] };

/** Checks an identity verification code: lock gate first, then the code in constant time. */
export function checkVerificationCode(policy: SecurityPolicy, state: AccountState, attempt: VerificationAttempt): VerificationCheck {
  const { now, verificationId } = attempt;
  const gate = passLockGate(state, now, attempt.operation, attempt.rejectedWhileLocked);
  if (gate.locked) return { passed: false, events: gate.events };
  const verification = state.verifications[verificationId];
  const codeMatches = verification !== undefined && constantTimeEquals(verification.codeHash, attempt.codeHash);
  const fail = (reason: VerificationFailed['data']['reason'], attempts: number): VerificationCheck => ({
    passed: false,
    events: [
      ...gate.events,
      ...recordFailure(policy, gate, now, (consecutiveFailures) => ({
        type: 'VerificationFailed',
        data: { verificationId, reason, attempts, consecutiveFailures, at: now },
      })),
    ],
  });
  // A verification started for another operation is not one this operation knows (its attempts stay as they are).
  if (!verification || !attempt.purposes.includes(verification.purpose)) return fail('UNKNOWN_REFERENCE', verification?.attempts ?? 0);
  if (verification.verifiedAt !== null) {
    return codeMatches ? { passed: false, events: gate.events } : fail('WRONG_CODE', verification.attempts);
  }
  // Void: protection changed after it was started; its code proves nothing any more.
  if (verification.consumed) return fail('UNKNOWN_REFERENCE', verification.attempts);
  if (!isBefore(now, verification.expiresAt)) return fail('EXPIRED', verification.attempts);
  if (verification.attempts >= policy.verificationMaxAttempts) return fail('ATTEMPTS_EXHAUSTED', verification.attempts);
  if (!codeMatches) return fail('WRONG_CODE', verification.attempts + 1);
  const verified: AccountEvent = {
    type: 'IdentityVerified',
    data: { verificationId, validUntil: addSeconds(now, policy.verifiedWindowSeconds), at: now },
  };
  return {
    passed: true,
    events: [...gate.events, verified],
    verification,
    gateEvents: gate.events,
    failuresSoFar: gate.failuresSoFar,
    lockLevel: gate.lockLevel,
    secondFactorTotal: gate.secondFactorTotal,
  };
}
