import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeyStore } from './key-store.port';

/**
 * A KeyStore in its own SQLite file (WAL mode, synchronous=FULL like the event store: an acknowledged
 * encrypted event must never outlive the key that reads it): account_keys(account_id, wrapped_key,
 * created_at), and key_check (the master key's check value, one row).
 * A deleted key leaves its row with wrapped_key NULL, so the account cannot get a new key; with
 * secure_delete on and a WAL checkpoint after each deletion, the old bytes are overwritten on disk.
 */
export class SqliteKeyStore implements KeyStore {
  private readonly db: Database.Database;
  private readonly selectKey: Database.Statement<[string], { wrapped_key: Buffer | null }>;
  private readonly insertKey: Database.Statement<[string, Buffer, string]>;
  private readonly shredKey: Database.Statement<[string, string]>;

  constructor(filePath: string) {
    if (filePath !== ':memory:') mkdirSync(dirname(filePath), { recursive: true });
    this.db = new Database(filePath);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.exec(`CREATE TABLE IF NOT EXISTS account_keys (
      account_id TEXT PRIMARY KEY,
      wrapped_key BLOB,
      created_at TEXT
    );
    CREATE TABLE IF NOT EXISTS key_check (id INTEGER PRIMARY KEY CHECK (id = 1), check_value BLOB NOT NULL, created_at TEXT NOT NULL)`);
    this.selectKey = this.db.prepare('SELECT wrapped_key FROM account_keys WHERE account_id = ?');
    this.insertKey = this.db.prepare(
      'INSERT INTO account_keys (account_id, wrapped_key, created_at) VALUES (?, ?, ?) ON CONFLICT (account_id) DO NOTHING',
    );
    this.shredKey = this.db.prepare(
      `INSERT INTO account_keys (account_id, wrapped_key, created_at) VALUES (?, NULL, ?)
       ON CONFLICT (account_id) DO UPDATE SET wrapped_key = NULL`,
    );
  }

  get(accountId: string): Buffer | undefined {
    return this.selectKey.get(accountId)?.wrapped_key ?? undefined;
  }

  put(accountId: string, wrapped: Buffer): void {
    this.insertKey.run(accountId, wrapped, new Date().toISOString());
  }

  delete(accountId: string): void {
    this.shredKey.run(accountId, new Date().toISOString());
    // Best effort: move the zeroed page into the database file and empty the WAL of older copies.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  checkValue(): Buffer | undefined {
    const row = this.db.prepare('SELECT check_value FROM key_check WHERE id = 1').get() as { check_value: Buffer } | undefined;
    return row?.check_value;
  }

  saveCheckValue(value: Buffer): void {
    this.db
      .prepare('INSERT INTO key_check (id, check_value, created_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING')
      .run(value, new Date().toISOString());
  }

  sampleKey(): { accountId: string; wrapped: Buffer } | undefined {
    const row = this.db.prepare('SELECT account_id, wrapped_key FROM account_keys WHERE wrapped_key IS NOT NULL LIMIT 1').get() as
      { account_id: string; wrapped_key: Buffer } | undefined;
    return row ? { accountId: row.account_id, wrapped: row.wrapped_key } : undefined;
  }

  /** For operators and tests: the journal settings in force. */
  pragma(name: 'synchronous' | 'journal_mode'): unknown {
    return this.db.pragma(name, { simple: true });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
