import Database from 'better-sqlite3';
import { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port';
import { WrongExpectedRevisionError } from '../errors';
import { assertExpectedRevision } from '../expected-revision';
import { singlePosition } from '../position';
import { CATEGORY_PAGE_CONDITION, EVENT_COLUMNS, EventRow, isCategoryPrefix, streamPrefixCondition } from './sqlite-event-schema';
import { sqliteErrorCode } from './sqlite-write-failure';

export interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedRevision;
}

export type GroupOutcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

/** Failures that belong to one append of a group (its expected revision, its own rows), not to the database. */
function isOwnFailure(error: unknown): boolean {
  if (error instanceof WrongExpectedRevisionError) return true;
  return sqliteErrorCode(error) === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** A stream from a revision on: served by the (stream_id, revision) index of the UNIQUE constraint. */
export const STREAM_QUERY = `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision`;

/** A stream's last revision and its metadata's `hash` (NULL when the metadata is not JSON or has none), from the index's end. */
export const STREAM_TIP_QUERY =
  "SELECT revision, CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.hash') END AS hash " +
  'FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1';

/** A page of one whole category: a range of the events_by_category index (category, from, to, limit). */
export const CATEGORY_PAGE_QUERY = `SELECT ${EVENT_COLUMNS} FROM events WHERE ${CATEGORY_PAGE_CONDITION} ORDER BY position LIMIT ?`;

/** The prepared statements of one connection, and the append as a better-sqlite3 transaction. */
export class SqliteEventStatements {
  readonly selectLastRevision: Database.Statement<[string], { revision: bigint | null }>;
  readonly selectStream: Database.Statement<[string, bigint], EventRow>;
  /** The stream's last revision and the hash its metadata claims (null when it has none or is not JSON text with one). */
  readonly selectStreamTip: Database.Statement<[string], { revision: bigint; hash: unknown }>;
  readonly selectLastPosition: Database.Statement<[], { last: bigint | null }>;
  /**
   * One append as a transaction of its own; called inside `appendGroup` it becomes a savepoint, so a
   * failing append (a wrong expected revision) is undone alone.
   */
  readonly append: Database.Transaction<(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision) => AppendResult>;
  /**
   * Run with `.immediate(…)`: the write lock is taken first, then every append of the group runs in its
   * own savepoint, then one COMMIT (one fsync with synchronous=FULL) makes them all durable together.
   */
  readonly appendGroup: Database.Transaction<(group: readonly PendingAppend[]) => GroupOutcome[]>;
  private readonly insertEvent: Database.Statement<unknown[]>;
  private readonly pages = new Map<number, Database.Statement<unknown[], EventRow>>();
  private readonly categoryPage: Database.Statement<unknown[], EventRow>;

  constructor(private readonly db: Database.Database) {
    this.selectLastRevision = db.prepare('SELECT max(revision) AS revision FROM events WHERE stream_id = ?');
    this.selectStream = db.prepare<[string, bigint], EventRow>(STREAM_QUERY).raw(true);
    this.selectStreamTip = db.prepare(STREAM_TIP_QUERY);
    this.selectLastPosition = db.prepare('SELECT max(position) AS last FROM events');
    this.categoryPage = db.prepare<unknown[], EventRow>(CATEGORY_PAGE_QUERY).raw(true);
    this.insertEvent = db.prepare(
      'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.append = db.transaction((streamId: string, events: readonly NewEvent[], expected: ExpectedRevision) =>
      this.appendRows(streamId, events, expected),
    );
    this.appendGroup = db.transaction((group: readonly PendingAppend[]) =>
      group.map((pending): GroupOutcome => {
        try {
          return { ok: true, result: this.append(pending.streamId, pending.events, pending.expected) };
        } catch (error) {
          if (!isOwnFailure(error)) throw error; // the database itself failed: the whole group fails
          return { ok: false, error };
        }
      }),
    );
  }

  /**
   * Events with `from < position <= to` whose stream starts with one of `prefixes` (all if none).
   * One whole category is a range of its index; other prefixes filter the rows in position order.
   */
  selectPage(from: bigint, to: bigint, prefixes: readonly string[], limit: number): EventRow[] {
    const [only] = prefixes;
    if (prefixes.length === 1 && only !== undefined && isCategoryPrefix(only)) return this.categoryPage.all(only, from, to, limit);
    return this.pageStatement(prefixes.length).all(from, to, ...prefixes.flatMap((p) => [p, p]), limit);
  }

  lastRevision(streamId: string): bigint | undefined {
    return this.selectLastRevision.get(streamId)?.revision ?? undefined;
  }

  private appendRows(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult {
    const current = this.lastRevision(streamId);
    assertExpectedRevision(streamId, expected, current);
    const recordedAt = new Date().toISOString();
    let revision = current ?? -1n;
    let position = -1n;
    for (const event of events) {
      revision += 1n;
      const data = JSON.stringify(event.data);
      const metadata = JSON.stringify(event.metadata);
      const info = this.insertEvent.run(streamId, revision, event.id, event.type, data, metadata, recordedAt);
      position = BigInt(info.lastInsertRowid);
    }
    return { nextRevision: revision, position: singlePosition(position) };
  }

  private pageStatement(prefixCount: number): Database.Statement<unknown[], EventRow> {
    let statement = this.pages.get(prefixCount);
    if (!statement) {
      statement = this.db
        .prepare<unknown[], EventRow>(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? AND position <= ?` +
            `${streamPrefixCondition(prefixCount)} ORDER BY position LIMIT ?`,
        )
        .raw(true);
      this.pages.set(prefixCount, statement);
    }
    return statement;
  }
}
