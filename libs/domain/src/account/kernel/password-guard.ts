import { addSeconds, isBefore } from '../../shared/time';
import { Instant } from '../../shared/types';

/**
 * The counting of the password step (docs/adr/0005-lockout.md), shared by account streams and the
 * streams of unknown login names so that both answer alike. Wrong passwords count per client
 * address (`addressKey`, a keyed hash of the address): `threshold` in a row lock that address out
 * of this login name. Across all addresses, `cap` failures within one window of `lockSeconds` close
 * the password step to every address that has not logged on to the account before, until it passes.
 */
export interface AddressCount {
  failures: number;
  /** The address's lock; once past, the address counts from zero again. */
  lockedUntil: Instant | null;
  lastFailureAt: Instant;
}

export interface PasswordGuard {
  addresses: Record<string, AddressCount>;
  window: { startedAt: Instant; failures: number } | null;
  /** The account-wide cap's lock: only `knownAddresses` may try the password until then. */
  cappedUntil: Instant | null;
  /** The last addresses that logged on successfully, newest last. */
  knownAddresses: string[];
}

export interface PasswordGuardPolicy {
  lockoutThreshold: number;
  lockoutSeconds: number;
  passwordFailureCap: number;
}

/** The key of attempts whose client address is not known (one shared counter for all of them). */
export const UNKNOWN_ADDRESS_KEY = 'unknown';
/** How many addresses a guard keeps counts for; the one that failed longest ago is forgotten first. */
export const MAX_COUNTED_ADDRESSES = 100;
/** How many successful addresses a guard remembers as known. */
export const MAX_KNOWN_ADDRESSES = 10;
/** An address's count is forgotten a day after its last failure (or its lock's end). */
export const ADDRESS_MEMORY_SECONDS = 24 * 3600;

export const initialPasswordGuard = (): PasswordGuard => ({ addresses: {}, window: null, cappedUntil: null, knownAddresses: [] });

export type PasswordRefusal = { lockedUntil: Instant; scope: 'ADDRESS' | 'ACCOUNT' } | null;

/** Whether the password step refuses `addressKey` at `now` without checking the password. */
export function passwordRefusal(guard: PasswordGuard, addressKey: string, now: Instant): PasswordRefusal {
  const own = guard.addresses[addressKey]?.lockedUntil ?? null;
  if (own !== null && isBefore(now, own)) return { lockedUntil: own, scope: 'ADDRESS' };
  const capped = guard.cappedUntil;
  if (capped !== null && isBefore(now, capped) && !guard.knownAddresses.includes(addressKey)) {
    return { lockedUntil: capped, scope: 'ACCOUNT' };
  }
  return null;
}

/** The locks that have run out by `now` (each becomes an unlock event on an account stream). */
export function expiredLocks(guard: PasswordGuard, addressKey: string, now: Instant): { address: Instant | null; cap: Instant | null } {
  const own = guard.addresses[addressKey]?.lockedUntil ?? null;
  return {
    address: own !== null && !isBefore(now, own) ? own : null,
    cap: guard.cappedUntil !== null && !isBefore(now, guard.cappedUntil) ? guard.cappedUntil : null,
  };
}

export interface PasswordFailureFacts {
  /** Wrong passwords in a row from this address, this one included. */
  consecutiveFailures: number;
  windowStartedAt: Instant;
  windowFailures: number;
  addressLockedUntil: Instant | null;
  capLockedUntil: Instant | null;
}

/** A wrong password from `addressKey` at `now`: the counts after it and the locks it sets. */
export function passwordFailure(policy: PasswordGuardPolicy, guard: PasswordGuard, addressKey: string, now: Instant): PasswordFailureFacts {
  const expired = expiredLocks(guard, addressKey, now);
  const before = expired.address === null ? (guard.addresses[addressKey]?.failures ?? 0) : 0;
  const consecutiveFailures = before + 1;
  const windowOpen =
    expired.cap === null && guard.window !== null && isBefore(now, addSeconds(guard.window.startedAt, policy.lockoutSeconds));
  const window = windowOpen && guard.window ? guard.window : { startedAt: now, failures: 0 };
  const windowFailures = window.failures + 1;
  const capActive = expired.cap === null && guard.cappedUntil !== null;
  return {
    consecutiveFailures,
    windowStartedAt: window.startedAt,
    windowFailures,
    addressLockedUntil: consecutiveFailures >= policy.lockoutThreshold ? addSeconds(now, policy.lockoutSeconds) : null,
    capLockedUntil: !capActive && windowFailures >= policy.passwordFailureCap ? addSeconds(now, policy.lockoutSeconds) : null,
  };
}

/** Folds a recorded wrong password (with the window it counted in). */
export function guardAfterFailure(
  guard: PasswordGuard,
  addressKey: string,
  failure: { consecutiveFailures: number; windowStartedAt: Instant | null; windowFailures: number | null; at: Instant },
): PasswordGuard {
  // A lock that had run out before this failure is over, whether or not its end was recorded.
  const running = (until: Instant | null | undefined) => (until && isBefore(failure.at, until) ? until : null);
  const previous = guard.addresses[addressKey];
  const count: AddressCount = {
    failures: failure.consecutiveFailures,
    lockedUntil: running(previous?.lockedUntil),
    lastFailureAt: failure.at,
  };
  const window =
    failure.windowStartedAt !== null && failure.windowFailures !== null
      ? { startedAt: failure.windowStartedAt, failures: failure.windowFailures }
      : guard.window;
  const addresses = { ...guard.addresses, [addressKey]: count };
  return withoutStale({ ...guard, addresses, window, cappedUntil: running(guard.cappedUntil) }, failure.at);
}

export function guardAfterLock(
  guard: PasswordGuard,
  scope: 'ADDRESS' | 'ACCOUNT',
  addressKey: string | null,
  lockedUntil: Instant,
): PasswordGuard {
  if (scope === 'ACCOUNT') return { ...guard, cappedUntil: lockedUntil };
  if (addressKey === null) return guard;
  const previous = guard.addresses[addressKey];
  const count = { failures: previous?.failures ?? 0, lastFailureAt: previous?.lastFailureAt ?? lockedUntil, lockedUntil };
  return { ...guard, addresses: { ...guard.addresses, [addressKey]: count } };
}

export function guardAfterUnlock(guard: PasswordGuard, scope: 'ADDRESS' | 'ACCOUNT', addressKey: string | null): PasswordGuard {
  if (scope === 'ACCOUNT') return { ...guard, cappedUntil: null, window: null };
  if (addressKey === null) return guard;
  const { [addressKey]: _ended, ...addresses } = guard.addresses;
  return { ...guard, addresses };
}

/** A logon from `addressKey` succeeded: its count ends and it becomes a known address. */
export function guardAfterSuccess(guard: PasswordGuard, addressKey: string): PasswordGuard {
  const { [addressKey]: _reset, ...addresses } = guard.addresses;
  const knownAddresses = [...guard.knownAddresses.filter((k) => k !== addressKey), addressKey].slice(-MAX_KNOWN_ADDRESSES);
  return { ...guard, addresses, knownAddresses };
}

/** The right password from `addressKey` (a challenge followed): its run of wrong ones ends. */
export function guardAfterRightPassword(guard: PasswordGuard, addressKey: string): PasswordGuard {
  if (!guard.addresses[addressKey] || guard.addresses[addressKey].lockedUntil !== null) return guard;
  const { [addressKey]: _reset, ...addresses } = guard.addresses;
  return { ...guard, addresses };
}

/** Keeps the guard bounded: counts a day old are dropped, then the oldest beyond MAX_COUNTED_ADDRESSES. */
function withoutStale(guard: PasswordGuard, at: Instant): PasswordGuard {
  const horizon = addSeconds(at, -ADDRESS_MEMORY_SECONDS);
  const fresh = Object.entries(guard.addresses).filter(([, c]) => !isBefore(c.lockedUntil ?? c.lastFailureAt, horizon));
  const kept = fresh.sort(([, a], [, b]) => Date.parse(b.lastFailureAt) - Date.parse(a.lastFailureAt)).slice(0, MAX_COUNTED_ADDRESSES);
  return { ...guard, addresses: Object.fromEntries(kept) };
}
