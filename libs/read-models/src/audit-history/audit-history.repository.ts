import { columnTypes, ReadModelSql, SqlValue } from '../db/read-model-db.port';
import { erasedAuditData } from './erased-audit-data';

export const AUDIT_HISTORY_TABLE = 'audit_history_v1';

export interface AuditRow {
  eventId: string;
  position: string;
  commitPosition: string;
  preparePosition: string;
  streamId: string;
  accountId: string | null;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: string | null;
  ip: string | null;
  userAgent: string | null;
  correlationId: string | null;
  causationId: string | null;
  data: Record<string, unknown>;
}

/** A row as its columns store it (what a SELECT * gives back); `audit verify` compares these. */
export function auditRowColumns(row: AuditRow, seq: number): Record<string, SqlValue> {
  return {
    event_id: row.eventId,
    position: row.position,
    commit_position: row.commitPosition,
    prepare_position: row.preparePosition,
    seq,
    stream_id: row.streamId,
    account_id: row.accountId,
    type: row.type,
    occurred_at: row.occurredAt,
    recorded_at: row.recordedAt,
    actor: row.actor,
    ip: row.ip,
    user_agent: row.userAgent,
    correlation_id: row.correlationId,
    causation_id: row.causationId,
    data: JSON.stringify(row.data),
  };
}

/** The rows of `audit_history.v1`: one per event, secrets redacted, in store position order. */
export class AuditHistoryRepository {
  /** The INSERT, built once: the same string for every row of a batch (its statement found in the cache at once). */
  private insertSql: string | undefined;

  /** `unindexed`: the table has no index yet (setUpUnindexed), so an INSERT names no conflict to skip. */
  constructor(
    private readonly db: ReadModelSql,
    private readonly table = AUDIT_HISTORY_TABLE,
    private readonly unindexed = false,
  ) {}

  /**
   * `seq` is the row's place in insertion order (the store's position order), the audit cursor's key:
   * MAX + 1 inside the projection's transaction, so a rebuild numbers the rows as the live run did.
   */
  static async setUp(db: ReadModelSql, table = AUDIT_HISTORY_TABLE): Promise<void> {
    await db.execute(createTableSql(db, table, 'PRIMARY KEY'));
    await db.execute(`CREATE INDEX IF NOT EXISTS ${table}_account ON ${table} (account_id, seq)`);
    await db.execute(`CREATE UNIQUE INDEX IF NOT EXISTS ${table}_seq ON ${table} (seq)`);
  }

  /**
   * The table without any index, not even on `event_id` (a rebuild's, filled in order from nothing):
   * `createIndexes` builds them once its rows are in, each in one sorted pass, a third of the cost of
   * keeping three indexes up to date row by row (two of them on random keys).
   */
  static async setUpUnindexed(db: ReadModelSql, table: string): Promise<void> {
    await db.execute(createTableSql(db, table, 'NOT NULL'));
  }

  /** The indexes of a table made by setUpUnindexed: then it answers as one made by setUp. */
  static async createIndexes(db: ReadModelSql, table: string): Promise<void> {
    await db.execute(`CREATE UNIQUE INDEX ${table}_event ON ${table} (event_id)`);
    await db.execute(`CREATE INDEX ${table}_account ON ${table} (account_id, seq)`);
    await db.execute(`CREATE UNIQUE INDEX ${table}_seq ON ${table} (seq)`);
  }

  async insert(row: AuditRow): Promise<void> {
    await this.insertAt(row, await this.nextSeq());
  }

  /** The `seq` the next new row gets (a batch numbers its rows on from it, without asking again). */
  async nextSeq(): Promise<number> {
    const [next] = await this.db.query<{ seq: number }>(`SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM ${this.table}`);
    if (!next) throw new Error(`${this.table}: the next seq query returned no row`);
    return Number(next.seq);
  }

  /** Inserts the row at `seq`; false when its event already has a row (a redelivery), which keeps its own. */
  async insertAt(row: AuditRow, seq: number): Promise<boolean> {
    const columns = auditRowColumns(row, seq);
    this.insertSql ??= insertSqlOf(this.table, Object.keys(columns), this.unindexed);
    return (await this.db.execute(this.insertSql, Object.values(columns))) > 0;
  }

  /**
   * An account was erased: its rows keep their events, times and types, and lose the personal data
   * they showed (erasedAuditData) and the client address and user agent. `throughSeq`: only its rows
   * up to that one (an erasure a rebuild applies after the rows that followed it are in).
   */
  async eraseAccount(accountId: string, throughSeq: number | null = null): Promise<void> {
    const rows = await this.db.query<{ event_id: string; data: string }>(
      `SELECT event_id, data FROM ${this.table} WHERE account_id = ?${throughSeq === null ? '' : ' AND seq <= ?'}`,
      throughSeq === null ? [accountId] : [accountId, throughSeq],
    );
    for (const row of rows) {
      const data = JSON.stringify(erasedAuditData(JSON.parse(row.data) as Record<string, unknown>));
      await this.db.execute(`UPDATE ${this.table} SET data = ?, ip = NULL, user_agent = NULL WHERE event_id = ?`, [data, row.event_id]);
    }
  }

  /** Rows of one account (or all), in order, for the audit trail and for comparing a rebuild. */
  async list(accountId: string | null, limit = 1000): Promise<AuditRow[]> {
    const where = accountId === null ? '' : 'WHERE account_id = ?';
    const rows = await this.db.query<Record<string, string | null>>(
      `SELECT * FROM ${this.table} ${where} ORDER BY seq LIMIT ?`,
      accountId === null ? [limit] : [accountId, limit],
    );
    return rows.map((r) => ({
      eventId: r.event_id as string,
      position: r.position as string,
      commitPosition: r.commit_position as string,
      preparePosition: r.prepare_position as string,
      streamId: r.stream_id as string,
      accountId: r.account_id ?? null,
      type: r.type as string,
      occurredAt: r.occurred_at as string,
      recordedAt: r.recorded_at as string,
      actor: r.actor ?? null,
      ip: r.ip ?? null,
      userAgent: r.user_agent ?? null,
      correlationId: r.correlation_id ?? null,
      causationId: r.causation_id ?? null,
      data: JSON.parse(r.data as string),
    }));
  }
}

/** `event_id`'s constraint: PRIMARY KEY, or NOT NULL in a table whose unique index on it comes later. */
function createTableSql(db: ReadModelSql, table: string, eventIdConstraint: 'PRIMARY KEY' | 'NOT NULL'): string {
  const { text, bigint } = columnTypes(db.dialect);
  return `CREATE TABLE IF NOT EXISTS ${table} (
      event_id ${text} ${eventIdConstraint}, position TEXT NOT NULL, commit_position TEXT NOT NULL, prepare_position TEXT NOT NULL,
      seq ${bigint} NOT NULL, stream_id ${text} NOT NULL, account_id ${text}, type ${text} NOT NULL, occurred_at ${text} NOT NULL,
      recorded_at TEXT NOT NULL, actor TEXT, ip TEXT, user_agent TEXT, correlation_id TEXT, causation_id TEXT, data TEXT NOT NULL)`;
}

function insertSqlOf(table: string, names: readonly string[], unindexed: boolean): string {
  const insert = `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
  return unindexed ? insert : `${insert} ON CONFLICT (event_id) DO NOTHING`;
}
