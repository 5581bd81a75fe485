import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server the tests use; its database here is only for CREATE/DROP DATABASE. */
export const READ_MODEL_TEST_URL = process.env.READ_MODEL_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface PostgresTestDatabase {
  readonly name: string;
  readonly url: string;
  create(): Promise<void>;
  /** Drops every table: the database as new, for the next test. */
  empty(): Promise<void>;
  drop(): Promise<void>;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A database of its own (`identity_test_<random>`) on the test server, so that parallel Jest workers
 * and suites never see each other's tables: named now (for an app's environment), created by `create()`.
 * Drop it when done (FORCE ends connections left open).
 */
export function planPostgresTestDatabase(): PostgresTestDatabase {
  const name = `identity_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(READ_MODEL_TEST_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    create: () =>
      withClient(READ_MODEL_TEST_URL, async (client) => {
        await client.query(`CREATE DATABASE ${name}`);
      }),
    empty: () =>
      withClient(url.toString(), async (client) => {
        await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
      }),
    drop: () =>
      withClient(READ_MODEL_TEST_URL, async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }),
  };
}

/** A new database of its own on the test server (see `planPostgresTestDatabase`). */
export async function createPostgresTestDatabase(): Promise<PostgresTestDatabase> {
  const database = planPostgresTestDatabase();
  await database.create();
  return database;
}

/** The rows of one query on the test database, read as a second client would. */
export function queryPostgres<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  return withClient(url, async (client) => (await client.query(sql, params)).rows as T[]);
}
