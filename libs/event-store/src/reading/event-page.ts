import { Position, RecordedEvent } from '../event-store.port';
import { comparePositions, isAfter } from '../position';

/** One page of `$all`, already filtered by the reader. */
export interface EventPage {
  /** The matching events after the requested position, in position order, at most `limit`. */
  readonly events: readonly RecordedEvent[];
  /**
   * Everything up to this position has been examined (it is at least the last returned event's
   * position): the next page starts after it. It lets a filtered reader skip non-matching events
   * once instead of on every poll. `undefined` when nothing was examined (empty store).
   */
  readonly checkpoint: Position | undefined;
}

/**
 * Reads the page after `after` (exclusive; `undefined` = from the start). An empty page means
 * nothing more matches now.
 */
export type PageReader = (after: Position | undefined, limit: number) => EventPage | Promise<EventPage>;

/** `readAll` on top of a page reader: one page in memory at a time. */
export async function* readAllInPages(
  readPage: PageReader,
  options: { after?: Position; maxCount?: number; pageSize: number },
): AsyncGenerator<RecordedEvent> {
  const { maxCount, pageSize } = options;
  if (maxCount !== undefined && (!Number.isInteger(maxCount) || maxCount < 0)) {
    throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  }
  let remaining = maxCount ?? Number.POSITIVE_INFINITY;
  let cursor = options.after;
  while (remaining > 0) {
    const page = await readPage(cursor, Math.min(pageSize, remaining));
    if (page.events.length === 0) return;
    const next = advanceCursor(cursor, page);
    for (const event of page.events) {
      yield event;
      remaining -= 1;
    }
    cursor = next;
  }
}

/**
 * The cursor after a page, checking that the reader kept its promise (events strictly after the
 * cursor and in order, checkpoint not behind them): a broken reader would otherwise loop forever.
 */
export function advanceCursor(cursor: Position | undefined, page: EventPage): Position | undefined {
  let previous = cursor;
  for (const event of page.events) {
    if (!isAfter(event.position, previous)) throw new Error('page reader returned an event not after its cursor');
    previous = event.position;
  }
  const checkpoint = page.checkpoint ?? previous;
  if (previous !== undefined && (checkpoint === undefined || comparePositions(checkpoint, previous) < 0)) {
    throw new Error('page reader returned a checkpoint behind its events');
  }
  return checkpoint;
}
