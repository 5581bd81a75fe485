import { Instant } from './types';

/**
 * The earliest `expiresAt` (ms) of a record's items, per record object, once known: records are
 * never mutated, so it holds for the record's life. An item changed in a new record (see
 * `withItems`) only ever lowers it or leaves it too low, which costs a scan, never a missed expiry.
 */
const earliestExpiry = new WeakMap<object, number>();

/** An item's expiry in ms; an unparsable one counts as the earliest possible, so its record is always scanned, as before. */
function expiryMs(item: { expiresAt: Instant }): number {
  const ms = Date.parse(item.expiresAt);
  return Number.isNaN(ms) ? -Infinity : ms;
}

function earliestOf<T extends { expiresAt: Instant }>(items: Record<string, T>): number {
  let earliest = earliestExpiry.get(items);
  if (earliest === undefined) {
    earliest = Infinity;
    for (const id in items) earliest = Math.min(earliest, expiryMs(items[id] as T));
    earliestExpiry.set(items, earliest);
  }
  return earliest;
}

/**
 * The items of `items` still alive at `at` (not expired: `expiresAt` not before `at`, and `alive`
 * when given). When every item is alive the same record is answered, not a copy: a fold calls this
 * for every event, and a long-lived account's records (its live sessions) are rarely all new.
 * States are never mutated, so sharing the record is safe. Without `alive`, a record whose earliest
 * expiry is not before `at` is answered without looking at its items: an account with a thousand
 * live sessions pays for them once, not on every event folded.
 */
export function unexpired<T extends { expiresAt: Instant }>(
  items: Record<string, T>,
  at: Instant,
  alive?: (item: T) => boolean,
): Record<string, T> {
  const atMs = Date.parse(at);
  if (alive === undefined && !(earliestOf(items) < atMs) && !Number.isNaN(atMs)) return items;
  const keeps = (item: T) => !(Date.parse(item.expiresAt) < atMs) && (alive === undefined || alive(item));
  const ids = Object.keys(items);
  const firstGone = ids.findIndex((id) => !keeps(items[id] as T));
  if (firstGone === -1) return items;
  const kept: Record<string, T> = {};
  ids.forEach((id, i) => {
    const item = items[id] as T;
    if (i < firstGone || (i > firstGone && keeps(item))) kept[id] = item;
  });
  return kept;
}

/** A new record: `items` with `added` set over it, its earliest expiry carried over rather than found again by a scan. */
export function withItems<T extends { expiresAt: Instant }>(items: Record<string, T>, added: Record<string, T>): Record<string, T> {
  const merged = { ...items, ...added };
  const known = earliestExpiry.get(items);
  if (known !== undefined) {
    let earliest = known;
    for (const id in added) earliest = Math.min(earliest, expiryMs(added[id] as T));
    earliestExpiry.set(merged, earliest);
  }
  return merged;
}
