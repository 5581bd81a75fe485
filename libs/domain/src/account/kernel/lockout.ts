import { addSeconds, isBefore } from '../../shared/time';
import { Instant } from '../../shared/types';
import { AccountEvent, AttemptRejectedWhileLocked } from '../account.events';
import { RejectedWhileLockedTally, SecurityPolicy } from '../account.commands';
import { AccountState } from '../account.state';

export type GuardedOperation = AttemptRejectedWhileLocked['data']['operation'];

/** What a failure after the gate counts on: the wrong codes so far, the last lock level, the total across locks. */
export interface FailureCounts {
  failuresSoFar: number;
  lockLevel: number;
  secondFactorTotal: number;
}
export type LockGate = { locked: true; events: AccountEvent[] } | ({ locked: false; events: AccountEvent[] } & FailureCounts);

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
  const counts = { lockLevel: state.lockLevel, secondFactorTotal: state.secondFactorTotal };
  if (lockedUntil) {
    // level 0: a lock stored before scopes, which closed the whole account (read as ACCOUNT).
    const scope = state.lockLevel > 0 ? 'SECOND_FACTOR' : 'ACCOUNT';
    return {
      locked: false,
      failuresSoFar: 0,
      ...counts,
      events: [
        ...summaryOf(tally, lockedUntil, now),
        { type: 'AccountUnlocked', data: { scope, addressKey: null, reason: 'LOCK_EXPIRED', lockedUntil, at: now } },
      ],
    };
  }
  return { locked: false, events: [], failuresSoFar: state.consecutiveFailures, ...counts };
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

/**
 * A wrong code, and the second-factor lock when it reaches the threshold: each lock in a row lasts
 * twice the one before (lockoutSeconds × 2^(level−1), at most maxLockSeconds); at
 * `secondFactorFailureCap` wrong codes in a row, across locks, the lock lasts until an unlock.
 */
export function recordFailure(
  policy: SecurityPolicy,
  counts: FailureCounts,
  now: Instant,
  failureEvent: (consecutiveFailures: number) => AccountEvent,
): AccountEvent[] {
  const consecutiveFailures = counts.failuresSoFar + 1;
  const events = [failureEvent(consecutiveFailures)];
  const permanent = counts.secondFactorTotal + 1 >= policy.secondFactorFailureCap;
  if (permanent || consecutiveFailures >= policy.lockoutThreshold) {
    const level = counts.lockLevel + 1;
    const lockedUntil = permanent ? null : addSeconds(now, escalatedLockSeconds(policy, level));
    events.push({
      type: 'AccountLocked',
      data: { scope: 'SECOND_FACTOR', addressKey: null, level, lockedUntil, consecutiveFailures, at: now },
    });
  }
  return events;
}

/** How long the `level`-th second-factor lock in a row lasts. */
export function escalatedLockSeconds(policy: SecurityPolicy, level: number): number {
  return Math.min(policy.lockoutSeconds * 2 ** Math.min(Math.max(level - 1, 0), 30), policy.maxLockSeconds);
}
