import { AllStreamResolvedEvent, FORWARDS, KurrentDBClient } from '@kurrent/kurrentdb-client';
import { Position, ReadAllOptions, RecordedEvent } from '../event-store.port';
import { comparePositions } from '../position';
import { isWanted, toAllFilter, toReadPosition, toRecordedEvent } from './kurrentdb-event-mapping';

export interface ReadAllPagesOptions extends ReadAllOptions {
  readonly pageSize: number;
  /** Reads one page: the client for this call, or the failure already translated. */
  readonly readPage: (read: (client: KurrentDBClient) => AsyncIterable<AllStreamResolvedEvent>) => Promise<AllStreamResolvedEvent[]>;
}

/**
 * `$all` forwards after `after` (exclusive), one page in memory at a time. The client reads from a
 * position inclusively, so each page starts at the last position already seen and events at or
 * before it are skipped; the server filters on the stream prefixes (or drops system events) and
 * the same filter is applied again here. The read ends when a page brings nothing new.
 */
export async function* readAllPages(options: ReadAllPagesOptions): AsyncGenerator<RecordedEvent> {
  const { maxCount, pageSize, streamPrefixes } = options;
  if (maxCount !== undefined && (!Number.isInteger(maxCount) || maxCount < 0)) {
    throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  }
  let remaining = maxCount ?? Number.POSITIVE_INFINITY;
  let cursor: Position | undefined = options.after !== undefined && options.after.commit >= 0n ? options.after : undefined;
  const filter = toAllFilter(streamPrefixes);
  while (remaining > 0) {
    const from = toReadPosition(cursor);
    // One more than needed: the event at the cursor itself comes back first.
    const count = Math.min(pageSize, remaining) + (cursor === undefined ? 0 : 1);
    const page = await options.readPage((client) => client.readAll({ fromPosition: from, direction: FORWARDS, maxCount: count, filter }));
    let progressed = false;
    for (const resolved of page) {
      const event = resolved.event;
      if (!event || (cursor && comparePositions(event.position, cursor) <= 0)) continue;
      cursor = event.position;
      progressed = true;
      if (!isWanted(event, streamPrefixes)) continue;
      yield toRecordedEvent(event);
      remaining -= 1;
      if (remaining <= 0) return;
    }
    if (!progressed) return;
  }
}
