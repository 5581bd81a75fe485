import { Pool, PoolClient, types } from 'pg';
import { toPostgresPlaceholders } from './postgres-placeholders';
import { ReadModelDb, ReadModelHealth, ReadModelSql, ReadModelTransaction, SqlValue } from './read-model-db.port';
import { unavailableWhenUnreachable } from './read-model-unavailable.error';

const HEALTH_TIMEOUT_MS = 3000;

/** BIGINT (counts, `seq`) as a JavaScript number, as SQLite gives it; a value past 2^53 is an error, not a silent rounding. */
function parseBigint(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`integer ${text} is beyond JavaScript's safe integers`);
  return value;
}

const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === types.builtins.INT8 ? parseBigint : types.getTypeParser(oid, format ?? 'text')) as typeof types.getTypeParser,
};

export interface PostgresReadModelOptions {
  /** Every transaction read-only (for `audit verify`). */
  readOnly?: boolean;
  maxConnections?: number;
}

/**
 * The read-model port over a `pg` connection pool (READ_MODEL_URL=postgres://…). No ORM: the same SQL
 * as SQLite, `?` numbered for PostgreSQL. A transaction holds one pooled connection from BEGIN to
 * COMMIT; `lock(key)` is `pg_advisory_xact_lock`, released by COMMIT or ROLLBACK.
 */
export class PostgresReadModelDb implements ReadModelDb {
  readonly dialect = 'postgres' as const;
  private readonly pool: Pool;
  private closed = false;

  constructor(url: string, options: PostgresReadModelOptions = {}) {
    this.pool = new Pool({
      connectionString: url,
      max: options.maxConnections ?? 10,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
      types: typeParsers,
      application_name: 'identity-read-models',
      options: options.readOnly ? '-c default_transaction_read_only=on' : undefined,
    });
    // An idle connection that the server closed (restart, failover) is dropped by the pool; the next
    // query opens a new one. Without a listener the error would end the process.
    this.pool.on('error', () => undefined);
  }

  async query<T = Record<string, unknown>>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const result = await unavailableWhenUnreachable(() => this.pool.query(toPostgresPlaceholders(sql), [...params]));
    return result.rows as T[];
  }

  async queryArrays<T extends readonly unknown[] = SqlValue[]>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const query = { text: toPostgresPlaceholders(sql), values: [...params], rowMode: 'array' as const };
    const result = await unavailableWhenUnreachable(() => this.pool.query(query));
    return result.rows as unknown as T[];
  }

  async execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const result = await unavailableWhenUnreachable(() => this.pool.query(toPostgresPlaceholders(sql), [...params]));
    return result.rowCount ?? 0;
  }

  /** A database that cannot be reached fails the transaction with ReadModelUnavailableError (see read-model-unavailable.error.ts). */
  async transaction<T>(work: (tx: ReadModelTransaction) => Promise<T>): Promise<T> {
    return unavailableWhenUnreachable(() => this.transactionOnClient(work));
  }

  private async transactionOnClient<T>(work: (tx: ReadModelTransaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // A checked-out client whose connection dies (server restart, terminated backend) emits `error` on
    // itself, not on the pool: without this listener that event would end the process. The failed query
    // rejects on its own; the client is then released as broken so the pool opens a new one.
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work(transactionOn(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  async health(): Promise<ReadModelHealth> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('no answer'), { name: 'TimeoutError' })), HEALTH_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.pool.query('SELECT 1'), timeout]);
      return { up: true };
    } catch (error) {
      const code = (error as { code?: string }).code;
      return { up: false, detail: code ? `${(error as Error).name} ${code}` : (error as Error).name };
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

function transactionOn(client: PoolClient): ReadModelTransaction {
  const sql: ReadModelSql = {
    dialect: 'postgres',
    query: async <T>(text: string, params: readonly SqlValue[] = []) =>
      (await client.query(toPostgresPlaceholders(text), [...params])).rows as T[],
    queryArrays: async <T extends readonly unknown[]>(text: string, params: readonly SqlValue[] = []) =>
      (await client.query({ text: toPostgresPlaceholders(text), values: [...params], rowMode: 'array' })).rows as unknown as T[],
    execute: async (text: string, params: readonly SqlValue[] = []) =>
      (await client.query(toPostgresPlaceholders(text), [...params])).rowCount ?? 0,
  };
  return {
    ...sql,
    lock: async (key: string) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [key]);
    },
  };
}
