import { Position, RecordedEvent } from '../event-store.port';
import { lastSequenceNotAfter, singlePosition } from '../position';
import { EventPage } from '../reading/event-page';
import { hasStreamFilter } from '../reading/stream-prefix';
import { rowToRecordedEvent } from './sqlite-event-schema';
import { SqliteEventStatements } from './sqlite-event-statements';

/**
 * One page of `$all` after `after` (of the streams under `prefixes`, when given), bounded by the last
 * position at the start, so that the page's `checkpoint` is exact: an event committed meanwhile is in
 * the next page. A damaged row ends the page before it; the next page starts at it and throws there.
 */
export function readSqlitePage(
  statements: SqliteEventStatements,
  after: Position | undefined,
  limit: number,
  prefixes: readonly string[] | undefined,
): EventPage {
  const from = lastSequenceNotAfter(after);
  const last = statements.selectLastPosition.get()?.last ?? null;
  if (last === null || last <= from) return { events: [], checkpoint: after };
  const rows = statements.selectPage(from, last, hasStreamFilter(prefixes) ? prefixes : [], limit);
  const events: RecordedEvent[] = [];
  for (const row of rows) {
    try {
      events.push(rowToRecordedEvent(row));
    } catch (error) {
      const before = events.at(-1);
      if (!before) throw error;
      return { events, checkpoint: before.position };
    }
  }
  const lastEvent = events.at(-1);
  const checkpoint = rows.length === limit && lastEvent ? lastEvent.position : singlePosition(last);
  return { events, checkpoint };
}
