import { Client } from 'pg';
import { createPostgresTestDatabase, PostgresTestDatabase } from '../../../../test/support/postgres-test-database';
import { PostgresReadModelDb } from './postgres-read-model-db';
import { ReadModelUnavailableError } from './read-model-unavailable.error';

/** Issue 13: a PostgreSQL connection that dies while a transaction holds it must be an error, never the end of the process. */
describe('PostgresReadModelDb when the server ends a connection', () => {
  let database: PostgresTestDatabase;
  let db: PostgresReadModelDb;

  beforeEach(async () => {
    database = await createPostgresTestDatabase();
    db = new PostgresReadModelDb(database.url);
  });

  afterEach(async () => {
    await db.close();
    await database.drop();
  });

  async function terminateOurBackends(): Promise<void> {
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'identity-read-models'`,
        [database.name],
      );
    } finally {
      await admin.end();
    }
  }

  it('rejects the transaction whose connection was terminated, and serves the next one on a new connection', async () => {
    const unhandled: unknown[] = [];
    const onUncaught = (error: unknown) => unhandled.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const failed = db.transaction(async (tx) => {
        await tx.query('SELECT 1');
        await terminateOurBackends();
        await new Promise((done) => setTimeout(done, 200)); // the client's `error` event fires while it is checked out
        return tx.query('SELECT 2 AS two');
      });
      await expect(failed).rejects.toThrow();
      await expect(db.transaction((tx) => tx.query<{ two: number }>('SELECT 2 AS two'))).resolves.toEqual([{ two: 2 }]);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });

  it('serves the next query and health on a new connection after its idle connections were terminated', async () => {
    await db.query('SELECT 1');
    await terminateOurBackends();
    await new Promise((done) => setTimeout(done, 200));
    await expect(db.query('SELECT 3 AS three')).resolves.toEqual([{ three: 3 }]);
    await expect(db.health()).resolves.toEqual({ up: true });
  });

  it('answers ReadModelUnavailableError, not the driver error, for queries and transactions once the database is gone', async () => {
    await db.query('SELECT 1');
    await database.drop();
    await expect(db.query('SELECT 1')).rejects.toBeInstanceOf(ReadModelUnavailableError);
    await expect(db.execute('SELECT 1')).rejects.toBeInstanceOf(ReadModelUnavailableError);
    await expect(db.transaction((tx) => tx.query('SELECT 1'))).rejects.toBeInstanceOf(ReadModelUnavailableError);
  });

  it('passes a wrong query on as it is: it is not an outage', async () => {
    await expect(db.query('SELECT * FROM no_such_table')).rejects.not.toBeInstanceOf(ReadModelUnavailableError);
  });

  it('gives rows as arrays in column order, on the pool and in a transaction', async () => {
    const sql = "SELECT 'a' AS w, ?::int AS id, NULL AS v";
    await expect(db.queryArrays(sql, [1])).resolves.toEqual([['a', 1, null]]);
    await expect(db.transaction((tx) => tx.queryArrays(sql, [2]))).resolves.toEqual([['a', 2, null]]);
  });
});
