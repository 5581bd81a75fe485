/** A value bound to a `?` placeholder. Booleans are stored as 0/1, instants and JSON as text. */
export type SqlValue = string | number | null;

export type ReadModelDialect = 'sqlite' | 'postgres';

/**
 * Statements against the read-model database, written once for both dialects: `?` placeholders
 * (turned into `$1, $2, …` for PostgreSQL), `ON CONFLICT … DO UPDATE / DO NOTHING`, TEXT for JSON,
 * instants and positions. Integers come back as JavaScript numbers from both.
 */
export interface ReadModelSql {
  readonly dialect: ReadModelDialect;
  /** The rows of a SELECT (or of a statement with RETURNING). */
  query<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /**
   * The rows of a SELECT as arrays of their values, in the SELECT's column order: for reads of many
   * rows, which build no object of named columns per row (half of a 50-row page's read on SQLite).
   */
  queryArrays<T extends readonly unknown[] = SqlValue[]>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement; the number of rows it changed. */
  execute(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface ReadModelTransaction extends ReadModelSql {
  /**
   * Held until the transaction ends: writers of the same key wait for each other, also in other
   * processes (a PostgreSQL transaction-level advisory lock; SQLite transactions take the write lock
   * at BEGIN, which serializes every writer already).
   */
  lock(key: string): Promise<void>;
}

export interface ReadModelHealth {
  up: boolean;
  detail?: string;
}

/** The read-model database: embedded SQLite in DATA_DIR, or PostgreSQL (READ_MODEL_URL). */
export interface ReadModelDb extends ReadModelSql {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: ReadModelTransaction) => Promise<T>): Promise<T>;
  /** Answers a trivial query within a few seconds, or says why not. */
  health(): Promise<ReadModelHealth>;
  close(): Promise<void>;
}

export const READ_MODEL_DB = Symbol('READ_MODEL_DB');

/** Column types that differ between the dialects. */
export function columnTypes(dialect: ReadModelDialect): { text: string; bigint: string } {
  // Text compares byte-wise in both (SQLite's default; PostgreSQL's "C" collation), so key order is the
  // same everywhere: keyset paging, ISO-8601 instants compared as text, and `audit verify`'s merge.
  return dialect === 'postgres' ? { text: 'TEXT COLLATE "C"', bigint: 'BIGINT' } : { text: 'TEXT', bigint: 'INTEGER' };
}

/**
 * Runs CREATE TABLE/INDEX IF NOT EXISTS statements in one transaction under one lock: PostgreSQL's
 * IF NOT EXISTS is not safe against a concurrent CREATE (two processes starting at once).
 */
export function setUpSchema(db: ReadModelDb, work: (tx: ReadModelTransaction) => Promise<void>): Promise<void> {
  return db.transaction(async (tx) => {
    await tx.lock('read-models:schema');
    await work(tx);
  });
}

/** Whether a table exists (in the current schema, for PostgreSQL). */
export async function tableExists(db: ReadModelSql, table: string): Promise<boolean> {
  const sql =
    db.dialect === 'postgres'
      ? 'SELECT 1 AS found FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?'
      : "SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?";
  return (await db.query(sql, [table])).length > 0;
}
