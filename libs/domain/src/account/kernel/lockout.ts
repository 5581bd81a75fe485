import { addSeconds, isBefore } from '../../shared/time';
import { Instant } from '../../shared/types';
import { AccountEvent, AttemptRejectedWhileLocked } from '../account.events';
import { RejectedWhileLockedTally, SecurityPolicy } from '../account.commands';
import { AccountState } from '../account.state';

export type GuardedOperation = AttemptRejectedWhileLocked['data']['operation'];

export type LockGate = { locked: true; events: AccountEvent[] } | { locked: false; events: AccountEvent[]; failuresSoFar: number };

/** The most distinct client addresses a summary keeps. */
export const MAX_SUMMARIZED_IPS = 20;

/** Whether a lock refuses an attempt at `now` (the handler skips argon2 for such an attempt). */
export function isLocked(state: AccountState, now: Instant): boolean {
  return state.lockedUntil !== null && isBefore(now, state.lockedUntil);
}

/**
 * Before any attempt that checks a secret. A lock still running refuses the attempt: the first
 * refusal of a lock is recorded, later ones append nothing (the handler tallies them), so a locked
 * stream does not grow. A lock that has run out is lifted first, as an event, with the handler's
 * tally of its refusals summarized next to it, and the failure count starts again.
 */
export function passLockGate(
  state: AccountState,
  now: Instant,
  operation: GuardedOperation,
  tally: RejectedWhileLockedTally | null = null,
): LockGate {
  const lockedUntil = state.lockedUntil;
  if (lockedUntil && isBefore(now, lockedUntil)) {
    if (state.lockRejectionRecorded) return { locked: true, events: [] };
    return { locked: true, events: [{ type: 'AttemptRejectedWhileLocked', data: { operation, lockedUntil, at: now } }] };
  }
  if (lockedUntil) {
    return {
      locked: false,
      failuresSoFar: 0,
      events: [...summaryOf(tally, lockedUntil, now), { type: 'AccountUnlocked', data: { reason: 'LOCK_EXPIRED', lockedUntil, at: now } }],
    };
  }
  return { locked: false, events: [], failuresSoFar: state.consecutiveFailures };
}

function summaryOf(tally: RejectedWhileLockedTally | null, lockedUntil: Instant, now: Instant): AccountEvent[] {
  if (tally === null || !(tally.count > 0)) return [];
  const ips = [...new Set(tally.ips)].slice(0, MAX_SUMMARIZED_IPS);
  return [
    {
      type: 'RejectedAttemptsSummarized',
      data: { count: Math.floor(tally.count), firstAt: tally.firstAt, lastAt: tally.lastAt, ips, lockedUntil, at: now },
    },
  ];
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
