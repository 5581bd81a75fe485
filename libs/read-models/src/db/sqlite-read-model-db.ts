import type Database from 'better-sqlite3';
import { ReadModelDb, ReadModelHealth, ReadModelTransaction, SqlValue } from './read-model-db.port';
import { BUSY, isSqliteBusy, retryWhileBusy } from './sqlite-busy';

const STATEMENT_CACHE_SIZE = 200;

/**
 * The read-model port over one better-sqlite3 connection. Statements run synchronously, but a
 * transaction's work is async (it awaits the event store, or other statements), so every use of the
 * connection is queued: a statement from elsewhere never runs inside another caller's transaction,
 * and transactions never nest. Transactions start IMMEDIATE: the write lock is taken before the
 * checkpoint is re-read, so a second process (the CLI) waits rather than failing half-way.
 * While another process holds the lock, a statement or transaction that meets SQLITE_BUSY leaves the
 * queue and tries again on a timer (sqlite-busy.ts): the connection is opened with busy_timeout 0, so
 * no wait ever blocks the event loop, and reads (never blocked in WAL mode) go on meanwhile.
 * With a second, read-only connection to the same file (`reader`), a query that only reads runs on
 * it at once, seeing what was committed, instead of queuing behind a transaction whose work is still
 * awaiting (the projections apply theirs in the serving process).
 */
export class SqliteReadModelDb implements ReadModelDb {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly readerStatements = new Map<string, Database.Statement>();
  /** Statements whose rows come back as arrays (better-sqlite3's `raw` mode is a statement's own setting). */
  private readonly arrayStatements = new Map<string, Database.Statement>();
  private readonly readerArrayStatements = new Map<string, Database.Statement>();
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly handle: Database.Database,
    private readonly reader: Database.Database | null = null,
    /** What checkpoints the WAL instead of `handle`'s COMMITs (wal-checkpoint-thread.ts), stopped on close. */
    private readonly checkpoints: { close(): Promise<void> } | null = null,
  ) {}

  query<T = Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const read = this.reader ? prepared(this.readerStatements, this.reader, sql) : null;
    if (read?.reader) return retryWhileBusy(async () => readNow<T>(read, params));
    return this.statement(() => this.rows<T>(sql, params));
  }

  queryArrays<T extends readonly unknown[] = SqlValue[]>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const read = this.reader ? prepared(this.readerArrayStatements, this.reader, sql, true) : null;
    if (read?.reader) return retryWhileBusy(async () => readNow<T>(read, params));
    return this.statement(() => this.arrays<T>(sql, params));
  }

  execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.statement(() => this.changes(sql, params));
  }

  transaction<T>(work: (tx: ReadModelTransaction) => Promise<T>): Promise<T> {
    return retryWhileBusy(() => this.serially(() => this.transactionOnce(work)));
  }

  /** One try: BUSY when another process holds the write lock (nothing has run then). */
  private async transactionOnce<T>(work: (tx: ReadModelTransaction) => Promise<T>): Promise<T | typeof BUSY> {
    try {
      this.handle.exec('BEGIN IMMEDIATE');
    } catch (error) {
      if (isSqliteBusy(error)) return BUSY;
      throw error;
    }
    try {
      const result = await work(this.inTransaction());
      this.handle.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.handle.inTransaction) this.handle.exec('ROLLBACK');
      throw error;
    }
  }

  /** A statement on its own (autocommit): tried again later, outside the queue, while the database is busy. */
  private statement<T>(run: () => T): Promise<T> {
    return retryWhileBusy(() =>
      this.serially(async () => {
        try {
          return run();
        } catch (error) {
          if (isSqliteBusy(error)) return BUSY;
          throw error;
        }
      }),
    );
  }

  async health(): Promise<ReadModelHealth> {
    try {
      this.handle.prepare('SELECT 1').get();
      return { up: true };
    } catch (error) {
      return { up: false, detail: (error as Error).name };
    }
  }

  async close(): Promise<void> {
    await this.tail;
    await this.checkpoints?.close();
    if (this.reader?.open) this.reader.close();
    if (this.handle.open) this.handle.close();
  }

  private inTransaction(): ReadModelTransaction {
    return {
      dialect: this.dialect,
      query: async <T>(sql: string, params: readonly SqlValue[] = []) => this.rows<T>(sql, params),
      queryArrays: async <T extends readonly unknown[]>(sql: string, params: readonly SqlValue[] = []) => this.arrays<T>(sql, params),
      execute: async (sql: string, params: readonly SqlValue[] = []) => this.changes(sql, params),
      lock: async () => undefined,
    };
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private rows<T>(sql: string, params: readonly SqlValue[]): T[] {
    const statement = this.prepare(sql);
    if (statement.reader) return statement.all(...params) as T[];
    statement.run(...params);
    return [];
  }

  private arrays<T>(sql: string, params: readonly SqlValue[]): T[] {
    return prepared(this.arrayStatements, this.handle, sql, true).all(...params) as T[];
  }

  private changes(sql: string, params: readonly SqlValue[]): number {
    const statement = this.prepare(sql);
    if (statement.reader) {
      statement.all(...params);
      return 0;
    }
    return statement.run(...params).changes;
  }

  private prepare(sql: string): Database.Statement {
    return prepared(this.statements, this.handle, sql);
  }
}

/** The connection's statement for `sql`, from its cache (cleared whole when full); `raw`: rows as arrays. */
function prepared(cache: Map<string, Database.Statement>, connection: Database.Database, sql: string, raw = false): Database.Statement {
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
    statement = connection.prepare(sql);
    if (raw) statement.raw(true);
    cache.set(sql, statement);
  }
  return statement;
}

/** A read on the read-only connection: BUSY in the rare case WAL recovery holds it. */
function readNow<T>(statement: Database.Statement, params: readonly SqlValue[]): T[] | typeof BUSY {
  try {
    return statement.all(...params) as T[];
  } catch (error) {
    if (isSqliteBusy(error)) return BUSY;
    throw error;
  }
}
