import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresReadModelDb } from '@identity/read-models/db/postgres-read-model-db';
import { openSqliteReadModelFile } from '@identity/read-models';
import { ReadModelDb, ReadModelDialect } from '@identity/read-models';
import { SqliteReadModelDb } from '@identity/read-models';
import { createPostgresTestDatabase, PostgresTestDatabase } from './postgres-test-database';

/** Both read-model adapters, for `describe.each(READ_MODEL_ADAPTERS)`. */
export const READ_MODEL_ADAPTERS: readonly ReadModelDialect[] = ['sqlite', 'postgres'];

export interface ReadModelDbFixture {
  /** A fresh, empty read-model database for the current test. */
  readonly db: ReadModelDb;
  /** Another connection (pool) to the same database, as a second process would have. */
  openAnother(): ReadModelDb;
}

/**
 * Registers the hooks that give every test an empty read-model database of the given kind: SQLite in
 * a temporary folder, or a PostgreSQL database created for the suite (READ_MODEL_TEST_URL) and emptied per test.
 */
export function useReadModelDb(dialect: ReadModelDialect): ReadModelDbFixture {
  let postgres: PostgresTestDatabase | null = null;
  let current: ReadModelDb | null = null;
  let sqliteDir: string | null = null;
  const others: ReadModelDb[] = [];
  if (dialect === 'postgres') {
    beforeAll(async () => {
      postgres = await createPostgresTestDatabase();
    });
    afterAll(async () => {
      await postgres?.drop();
    });
  }
  beforeEach(async () => {
    if (postgres) {
      await postgres.empty();
      current = new PostgresReadModelDb(postgres.url);
    } else {
      sqliteDir = mkdtempSync(join(tmpdir(), 'read-models-spec-'));
      current = new SqliteReadModelDb(openSqliteReadModelFile(sqliteDir));
    }
  });
  afterEach(async () => {
    await Promise.all(others.splice(0).map((db) => db.close()));
    await current?.close();
    current = null;
    if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
    sqliteDir = null;
  });
  return {
    get db(): ReadModelDb {
      if (!current) throw new Error('the read-model database exists only inside a test');
      return current;
    },
    openAnother(): ReadModelDb {
      if (!postgres && !sqliteDir) throw new Error('the read-model database exists only inside a test');
      const another = postgres
        ? new PostgresReadModelDb(postgres.url)
        : new SqliteReadModelDb(openSqliteReadModelFile(sqliteDir as string));
      others.push(another);
      return another;
    },
  };
}
