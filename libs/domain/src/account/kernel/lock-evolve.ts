import { AccountLocked, AccountUnlocked } from '../account.events';
import { AccountState, LoginChallenge, PERMANENT_LOCK_UNTIL } from '../account.state';
import { guardAfterLock, guardAfterUnlock, initialPasswordGuard } from './password-guard';

/**
 * Folds a lock (docs/adr/0005-lockout.md). A challenge dies with any lock that refuses the address
 * its password step came from: an ADDRESS lock ends that address's challenges, the cap those of
 * addresses not known, a second-factor lock (or a stored lock from before scopes, level 0) all.
 */
export function evolveLock(state: AccountState, event: AccountLocked): AccountState {
  const { scope, addressKey, level, lockedUntil } = event.data;
  const challengesWhere = (dies: (c: LoginChallenge) => boolean) =>
    Object.fromEntries(Object.entries(state.challenges).filter(([, c]) => !dies(c)));
  if (scope === 'ADDRESS' && lockedUntil !== null) {
    return {
      ...state,
      guard: guardAfterLock(state.guard, 'ADDRESS', addressKey, lockedUntil),
      challenges: challengesWhere((c) => c.addressKey === addressKey),
    };
  }
  if (scope === 'ACCOUNT' && level > 0 && lockedUntil !== null) {
    const known = state.guard.knownAddresses;
    return {
      ...state,
      guard: guardAfterLock(state.guard, 'ACCOUNT', null, lockedUntil),
      challenges: challengesWhere((c) => c.addressKey === null || !known.includes(c.addressKey)),
    };
  }
  return {
    ...state,
    lockedUntil: lockedUntil ?? PERMANENT_LOCK_UNTIL,
    lockLevel: scope === 'SECOND_FACTOR' ? level : state.lockLevel,
    consecutiveFailures: scope === 'SECOND_FACTOR' ? 0 : state.consecutiveFailures,
    lockRejectionRecorded: false,
    challenges: {},
  };
}

export function evolveUnlock(state: AccountState, event: AccountUnlocked): AccountState {
  const { scope, addressKey, reason } = event.data;
  if (reason !== 'LOCK_EXPIRED') {
    const guard = { ...initialPasswordGuard(), knownAddresses: state.guard.knownAddresses };
    return { ...state, lockedUntil: null, lockRejectionRecorded: false, consecutiveFailures: 0, secondFactorTotal: 0, lockLevel: 0, guard };
  }
  if (scope === 'ADDRESS') return { ...state, guard: guardAfterUnlock(state.guard, 'ADDRESS', addressKey) };
  // An ACCOUNT unlock while no second-factor lock ran since the last success also ends a lock stored
  // before scopes (level 0), which reset the count as this does.
  const wholeAccountLock = scope === 'SECOND_FACTOR' || state.lockLevel === 0;
  const guard = scope === 'ACCOUNT' ? guardAfterUnlock(state.guard, 'ACCOUNT', null) : state.guard;
  if (!wholeAccountLock) return { ...state, guard };
  return { ...state, guard, lockedUntil: null, consecutiveFailures: 0, lockRejectionRecorded: false };
}
