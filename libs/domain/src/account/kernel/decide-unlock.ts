import { isBefore } from '../../shared/time';
import { UnlockAccount } from '../account.commands';
import { AccountEvent } from '../account.events';
import { AccountState } from '../account.state';
import { requireAccount } from './account-guards';

/**
 * An admin lifts every lock and count of the account: the second-factor lock (also one until an
 * unlock), the cap, every address's lock. Nothing to lift appends nothing. Recovery through a
 * verified channel will append the same event with reason RECOVERED.
 */
export function decideUnlock(command: UnlockAccount, state: AccountState): AccountEvent[] {
  requireAccount(state);
  const now = command.now;
  const addressLocked = Object.values(state.guard.addresses).some((a) => a.lockedUntil !== null && isBefore(now, a.lockedUntil));
  const counting =
    state.lockedUntil !== null ||
    state.guard.cappedUntil !== null ||
    state.consecutiveFailures > 0 ||
    state.secondFactorTotal > 0 ||
    state.lockLevel > 0 ||
    addressLocked;
  if (!counting) return [];
  const lockedUntil = state.lockedUntil ?? state.guard.cappedUntil;
  const scope = state.lockedUntil !== null && state.lockLevel > 0 ? 'SECOND_FACTOR' : 'ACCOUNT';
  return [{ type: 'AccountUnlocked', data: { scope, addressKey: null, reason: 'ADMIN_RESET', lockedUntil, at: now } }];
}
