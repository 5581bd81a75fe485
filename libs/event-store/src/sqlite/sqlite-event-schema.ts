import Database from 'better-sqlite3';
import { EventMetadata, JsonObject, RecordedEvent } from '../event-store.port';
import { singlePosition } from '../position';
import { UnreadableEventError } from '../reading/unreadable-event.error';

export const EVENTS_DDL = `
CREATE TABLE IF NOT EXISTS events (
  position    INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  event_id    TEXT    NOT NULL UNIQUE,
  type        TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL,
  UNIQUE (stream_id, revision)
)`;

/** A stream's category: its id up to and with the first `-` (`account-`, `webhook-`). */
const CATEGORY = "substr(stream_id, 1, instr(stream_id, '-'))";

/**
 * The events of one category in position order: a read of a category (a subscription's page) is a
 * range of this index, not a scan of `$all` that filters every row; a start that follows a category
 * with few events (webhooks) does not read the whole store. Built once when a store that predates it
 * is first opened (a few seconds for a million events).
 */
export const EVENTS_BY_CATEGORY_DDL = `CREATE INDEX IF NOT EXISTS events_by_category ON events (${CATEGORY}, position)`;

/** A page of one category (see EVENTS_BY_CATEGORY_DDL): category, from (exclusive), to, limit. */
export const CATEGORY_PAGE_CONDITION = `${CATEGORY} = ? AND position > ? AND position <= ?`;

/** Whether `prefix` is a whole category (`account-`: its only `-` is its last character), which the index serves. */
export function isCategoryPrefix(prefix: string): boolean {
  return prefix.indexOf('-') === prefix.length - 1;
}

export const EVENT_COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, recorded_at';

/**
 * A row of EVENT_COLUMNS as better-sqlite3 returns it in raw mode (an array, in the SELECT's column
 * order; no object of named columns per row: half of a page read's time) with safe integers on
 * (INTEGER columns are bigint).
 */
export type EventRow = [
  position: bigint,
  streamId: string,
  revision: bigint,
  eventId: string,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];

const DATA = 5;
const METADATA = 6;

export function rowToRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamId: row[1],
    revision: row[2],
    position: singlePosition(row[0]),
    id: row[3],
    type: row[4],
    data: parseJsonColumn(row, DATA) as JsonObject,
    metadata: parseJsonColumn(row, METADATA) as EventMetadata,
    recordedAt: new Date(row[7]),
  };
}

/** A damaged row is named (UnreadableEventError), not reported as a bare JSON syntax error. */
function parseJsonColumn(row: EventRow, column: typeof DATA | typeof METADATA): unknown {
  try {
    return JSON.parse(row[column]);
  } catch {
    const [position, streamId, revision, id] = row;
    const name = column === DATA ? 'data' : 'metadata';
    throw new UnreadableEventError(streamId, revision, id, singlePosition(position), `${name} is not JSON`);
  }
}

export const WAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * Opens the file with the settings every process sharing it must use:
 * - busy_timeout first, so that the other settings wait for a writer in another process;
 * - WAL: readers (subscriptions, projections) never block the writer and vice versa;
 * - synchronous=FULL: in WAL mode NORMAL may lose the last commits on power loss; FULL syncs the
 *   WAL at every commit, so an append that returned (an acknowledged event) survives it;
 * - safe integers: positions and revisions come back as bigint, exact beyond 2^53.
 * Returns the journal mode actually in force (`memory` for `:memory:`).
 */
export function openEventDatabase(filePath: string, busyTimeoutMs: number): { db: Database.Database; journalMode: string } {
  const db = new Database(filePath, { timeout: busyTimeoutMs });
  try {
    db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    const journalMode = String(db.pragma('journal_mode = WAL', { simple: true }));
    db.pragma('synchronous = FULL');
    // After each checkpoint that resets the WAL, it is truncated to this size: a burst (or a disk that
    // filled up and was freed) does not leave a large WAL behind for good.
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    db.defaultSafeIntegers(true);
    db.exec(EVENTS_DDL);
    db.exec(EVENTS_BY_CATEGORY_DDL);
    return { db, journalMode };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** SQL for "stream_id starts with ?": exact and case-sensitive (unlike LIKE), no escaping needed. */
export function streamPrefixCondition(prefixCount: number): string {
  if (prefixCount === 0) return '';
  const one = 'substr(stream_id, 1, length(?)) = ?';
  return ` AND (${Array.from({ length: prefixCount }, () => one).join(' OR ')})`;
}
