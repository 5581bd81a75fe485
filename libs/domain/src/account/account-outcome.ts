import { AnyEventSpec } from '../events/event-spec';
import { Instant } from '../shared/types';
import { AccountEvent } from './account.events';
import { ACCOUNT_EVENT_REGISTRY } from './account.registry';
import { AccountState, PERMANENT_LOCK_UNTIL } from './account.state';
import { isLocked } from './kernel/lockout';
import { passwordRefusal } from './kernel/password-guard';

const answered = (lockedUntil: Instant | null): Instant | null => (lockedUntil === PERMANENT_LOCK_UNTIL ? null : lockedUntil);

/**
 * What the caller hears after the decided events were appended. Security failures are events
 * first and answers second: the handler appends, then reports the failure found here (each event
 * type's `refusal` in the registry). A lock refuses later attempts without an event: `after` (the
 * state and time of the command) tells them apart from a command that had nothing to record.
 */
/** `lockedUntil` null: the lock lasts until an unlock. */
export type AccountFailure =
  { code: 'ACCOUNT_LOCKED'; lockedUntil: Instant | null } | { code: 'INVALID_CREDENTIALS' } | { code: 'INVALID_CODE' };

/** `addressKey`: set by the password step, whose refusal of a locked address appends nothing. */
export function failureIn(
  events: readonly AccountEvent[],
  after: { state: AccountState; now: Instant; addressKey?: string | null },
): AccountFailure | null {
  const refusals = events.map((event) => ({ event, refusal: (ACCOUNT_EVENT_REGISTRY[event.type] as AnyEventSpec).refusal ?? null }));
  const locked = refusals.find((r) => r.refusal === 'ACCOUNT_LOCKED');
  if (locked && 'lockedUntil' in locked.event.data) return { code: 'ACCOUNT_LOCKED', lockedUntil: answered(locked.event.data.lockedUntil) };
  const byAddress = events.length === 0 && after.addressKey ? passwordRefusal(after.state.guard, after.addressKey, after.now) : null;
  if (byAddress) return { code: 'ACCOUNT_LOCKED', lockedUntil: byAddress.lockedUntil };
  if (events.length === 0 && isLocked(after.state, after.now) && after.state.lockedUntil !== null) {
    return { code: 'ACCOUNT_LOCKED', lockedUntil: answered(after.state.lockedUntil) };
  }
  if (refusals.some((r) => r.refusal === 'INVALID_CREDENTIALS')) return { code: 'INVALID_CREDENTIALS' };
  if (refusals.some((r) => r.refusal === 'INVALID_CODE')) return { code: 'INVALID_CODE' };
  return null;
}
