import { Instant } from '../../shared/types';
import { SecurityPolicy } from '../account.commands';
import { AccountEvent } from '../account.events';
import { AccountState } from '../account.state';
import { expiredLocks, passwordFailure } from './password-guard';

/** The password-step locks that have run out for this address (its own, the cap), as unlock events. */
export function expiredPasswordLocks(state: AccountState, addressKey: string, now: Instant): AccountEvent[] {
  const expired = expiredLocks(state.guard, addressKey, now);
  const events: AccountEvent[] = [];
  if (expired.address !== null) {
    events.push({
      type: 'AccountUnlocked',
      data: { scope: 'ADDRESS', addressKey, reason: 'LOCK_EXPIRED', lockedUntil: expired.address, at: now },
    });
  }
  if (expired.cap !== null) {
    events.push({
      type: 'AccountUnlocked',
      data: { scope: 'ACCOUNT', addressKey: null, reason: 'LOCK_EXPIRED', lockedUntil: expired.cap, at: now },
    });
  }
  return events;
}

/** A wrong password from `addressKey`: the failure, and the locks of the address and of the cap it reaches. */
export function passwordFailed(policy: SecurityPolicy, state: AccountState, addressKey: string, now: Instant): AccountEvent[] {
  const f = passwordFailure(policy, state.guard, addressKey, now);
  const { consecutiveFailures, windowStartedAt, windowFailures } = f;
  const events: AccountEvent[] = [
    { type: 'PasswordCheckFailed', data: { consecutiveFailures, addressKey, windowStartedAt, windowFailures, at: now } },
  ];
  if (f.addressLockedUntil !== null) {
    events.push({
      type: 'AccountLocked',
      data: { scope: 'ADDRESS', addressKey, level: 1, lockedUntil: f.addressLockedUntil, consecutiveFailures, at: now },
    });
  }
  if (f.capLockedUntil !== null) {
    events.push({
      type: 'AccountLocked',
      data: { scope: 'ACCOUNT', addressKey: null, level: 1, lockedUntil: f.capLockedUntil, consecutiveFailures: windowFailures, at: now },
    });
  }
  return events;
}
