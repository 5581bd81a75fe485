import { Instant } from './types';

/**
 * The items of `items` still alive at `at` (not expired: `expiresAt` not before `at`, and `alive`
 * when given). When every item is alive the same record is answered, not a copy: a fold calls this
 * for every event, and a long-lived account's records (its live sessions) are rarely all new.
 * States are never mutated, so sharing the record is safe.
 */
export function unexpired<T extends { expiresAt: Instant }>(
  items: Record<string, T>,
  at: Instant,
  alive: (item: T) => boolean = () => true,
): Record<string, T> {
  const atMs = Date.parse(at);
  const keeps = (item: T) => !(Date.parse(item.expiresAt) < atMs) && alive(item);
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
