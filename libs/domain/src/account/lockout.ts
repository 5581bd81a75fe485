import { addSeconds, isBefore } from '../shared/time';
import { Instant } from '../shared/types';
import { AccountEvent, AttemptRejectedWhileLocked } from './account.events';
import { SecurityPolicy } from './account.commands';
import { AccountState } from './account.state';

export type GuardedOperation = AttemptRejectedWhileLocked['data']['operation'];

export type LockGate =
  | { locked: true; events: AccountEvent[] }
  | { locked: false; events: AccountEvent[]; failuresSoFar: number };

/**
 * Before any attempt that checks a secret: a lock still running rejects the attempt (and records
 * that); a lock that has run out is lifted first, as an event, and the failure count starts again.
 */
export function passLockGate(state: AccountState, now: Instant, operation: GuardedOperation): LockGate {
  const lockedUntil = state.lockedUntil;
  if (lockedUntil && isBefore(now, lockedUntil)) {
    return { locked: true, events: [{ type: 'AttemptRejectedWhileLocked', data: { operation, lockedUntil, at: now } }] };
  }
  if (lockedUntil) {
    return {
      locked: false, failuresSoFar: 0,
      events: [{ type: 'AccountUnlocked', data: { reason: 'LOCK_EXPIRED', lockedUntil, at: now } }],
    };
  }
  return { locked: false, events: [], failuresSoFar: state.consecutiveFailures };
}

/** A failed attempt, and the lock when it reaches the threshold. */
export function recordFailure(
  policy: SecurityPolicy,
  failuresSoFar: number,
  now: Instant,
  failureEvent: (consecutiveFailures: number) => AccountEvent,
): AccountEvent[] {
  const consecutiveFailures = failuresSoFar + 1;
  const events = [failureEvent(consecutiveFailures)];
  if (consecutiveFailures >= policy.lockoutThreshold) {
    const lockedUntil = addSeconds(now, policy.lockoutSeconds);
    events.push({ type: 'AccountLocked', data: { lockedUntil, consecutiveFailures, at: now } });
  }
  return events;
}
