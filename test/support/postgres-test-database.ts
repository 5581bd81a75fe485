import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL server the tests use; its database here is only for CREATE/DROP DATABASE. */
export const READ_MODEL_TEST_URL = process.env.READ_MODEL_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface PostgresTestDatabase {
  readonly name: string;
  readonly url: string;
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
 * and suites never see each other's tables. Drop it when done (FORCE ends connections left open).
 */
export async function createPostgresTestDatabase(): Promise<PostgresTestDatabase> {
  const name = `identity_test_${randomBytes(6).toString('hex')}`;
  await withClient(READ_MODEL_TEST_URL, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(READ_MODEL_TEST_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    empty: () => withClient(url.toString(), async (client) => {
      await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    }),
    drop: () => withClient(READ_MODEL_TEST_URL, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }),
  };
}
