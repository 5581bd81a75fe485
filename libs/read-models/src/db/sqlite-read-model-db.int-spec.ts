import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReadModelDatabase, openSqliteReadModelFile, SQLITE_READ_MODEL_FILE } from './read-model-database';
import { SqliteReadModelDb } from './sqlite-read-model-db';

/**
 * Issue 13: while another process (the CLI's rebuild) holds the SQLite write lock, the app's
 * connection must not wait inside SQLite (a busy_timeout blocks the event loop): its writers wait
 * on a timer, and its reads go on. The lock holder here is a second connection in the same process,
 * so a synchronous wait could never see it released.
 */
describe('SqliteReadModelDb while another connection holds the write lock', () => {
  let dir: string;
  let db: SqliteReadModelDb;
  let other: Database.Database;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sqlite-busy-spec-'));
    db = new SqliteReadModelDb(openSqliteReadModelFile(dir));
    await db.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    await db.execute("INSERT INTO t (id, v) VALUES (1, 'old')");
    other = new Database(join(dir, SQLITE_READ_MODEL_FILE));
  });

  afterEach(async () => {
    if (other.inTransaction) other.exec('ROLLBACK');
    other.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps reading, and writes once the lock is released, without blocking the event loop', async () => {
    other.exec('BEGIN IMMEDIATE');
    other.exec("UPDATE t SET v = 'other' WHERE id = 1");
    const events: string[] = [];
    const write = db
      .transaction(async (tx) => {
        await tx.execute("UPDATE t SET v = 'ours' WHERE id = 1");
        events.push('transaction done');
      })
      .then(() => db.execute("INSERT INTO t (id, v) VALUES (2, 'autocommit')"));
    // A read while our transaction waits: not queued behind it, and it sees the committed row.
    expect(await db.query('SELECT v FROM t WHERE id = 1')).toEqual([{ v: 'old' }]);
    events.push('read done');
    await new Promise((resolve) => setTimeout(resolve, 50));
    events.push('lock released');
    other.exec('COMMIT');
    await write;
    expect(events).toEqual(['read done', 'lock released', 'transaction done']);
    expect(await db.query('SELECT id, v FROM t ORDER BY id')).toEqual([
      { id: 1, v: 'ours' },
      { id: 2, v: 'autocommit' },
    ]);
  });

  it('lets a statement on its own wait for the lock as well', async () => {
    other.exec('BEGIN IMMEDIATE');
    const write = db.execute("UPDATE t SET v = 'ours' WHERE id = 1");
    await new Promise((resolve) => setTimeout(resolve, 50));
    other.exec('COMMIT');
    expect(await write).toBe(1);
  });
});

describe('SqliteReadModelDb with a read-only connection for reads', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sqlite-reader-spec-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers a read while its own transaction is still at work, with what was committed', async () => {
    const db = openReadModelDatabase({ dataDir: dir, readModelUrl: null });
    try {
      await db.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
      await db.execute("INSERT INTO t (id, v) VALUES (1, 'old')");
      let finish: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (finish = resolve));
      const transaction = db.transaction(async (tx) => {
        await tx.execute("UPDATE t SET v = 'new' WHERE id = 1");
        await held;
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      // Queued behind the transaction, this read would wait until `finish`, which comes after it.
      expect(await db.query('SELECT v FROM t WHERE id = 1')).toEqual([{ v: 'old' }]);
      finish();
      await transaction;
      expect(await db.query('SELECT v FROM t WHERE id = 1')).toEqual([{ v: 'new' }]);
      // A query that writes still goes through the writing connection.
      await db.query("INSERT INTO t (id, v) VALUES (2, 'via query')");
      expect(await db.query('SELECT count(*) AS n FROM t')).toEqual([{ n: 2 }]);
    } finally {
      await db.close();
    }
  });

  it('gives rows as arrays in column order, on either connection and in a transaction, beside the same rows as objects', async () => {
    const db = openReadModelDatabase({ dataDir: dir, readModelUrl: null });
    try {
      await db.execute('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT, w TEXT NOT NULL)');
      await db.execute("INSERT INTO t (id, v, w) VALUES (1, NULL, 'a'), (2, 'b', 'c')");
      const sql = 'SELECT w, id, v FROM t ORDER BY id';
      expect(await db.queryArrays(sql)).toEqual([
        ['a', 1, null],
        ['c', 2, 'b'],
      ]);
      // The same text asked for as objects keeps its own statement: raw mode is a statement's setting.
      expect(await db.query(sql)).toEqual([
        { w: 'a', id: 1, v: null },
        { w: 'c', id: 2, v: 'b' },
      ]);
      expect(await db.transaction((tx) => tx.queryArrays('SELECT id FROM t WHERE v IS NOT NULL'))).toEqual([[2]]);
      const writerOnly = new SqliteReadModelDb(openSqliteReadModelFile(dir));
      expect(await writerOnly.queryArrays('SELECT id FROM t WHERE id = ?', [1])).toEqual([[1]]);
      await writerOnly.close();
    } finally {
      await db.close();
    }
  });
});
