import type Database from 'better-sqlite3';
import { ReadModelDb, ReadModelHealth, ReadModelTransaction, SqlValue } from './read-model-db.port';

const STATEMENT_CACHE_SIZE = 200;

/**
 * The read-model port over one better-sqlite3 connection. Statements run synchronously, but a
 * transaction's work is async (it awaits the event store, or other statements), so every use of the
 * connection is queued: a statement from elsewhere never runs inside another caller's transaction,
 * and transactions never nest. Transactions start IMMEDIATE: the write lock is taken before the
 * checkpoint is re-read, so a second process (the CLI) waits rather than failing half-way.
 */
export class SqliteReadModelDb implements ReadModelDb {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, Database.Statement>();
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly handle: Database.Database) {}

  query<T = Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.serially(async () => this.rows<T>(sql, params));
  }

  execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.serially(async () => this.changes(sql, params));
  }

  transaction<T>(work: (tx: ReadModelTransaction) => Promise<T>): Promise<T> {
    return this.serially(async () => {
      this.handle.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.inTransaction());
        this.handle.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.handle.inTransaction) this.handle.exec('ROLLBACK');
        throw error;
      }
    });
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
    if (this.handle.open) this.handle.close();
  }

  private inTransaction(): ReadModelTransaction {
    return {
      dialect: this.dialect,
      query: async <T>(sql: string, params: readonly SqlValue[] = []) => this.rows<T>(sql, params),
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

  private changes(sql: string, params: readonly SqlValue[]): number {
    const statement = this.prepare(sql);
    if (statement.reader) {
      statement.all(...params);
      return 0;
    }
    return statement.run(...params).changes;
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.clear();
      statement = this.handle.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
