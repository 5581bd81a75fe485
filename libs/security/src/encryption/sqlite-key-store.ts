import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeyStore } from './key-store.port';

/** One account key re-wrapped by a master key rotation: replaced only if it is still `from`. */
export interface KeyRewrap {
  accountId: string;
  from: Buffer;
  to: Buffer;
}

/**
 * A KeyStore in its own SQLite file (WAL mode, synchronous=FULL like the event store: an acknowledged
 * encrypted event must never outlive the key that reads it): account_keys(account_id, wrapped_key,
 * created_at), key_check (the master key's check value, one row), derivation_root (the root of the derived
 * keys once a rotation stored it, wrapped) and key_rotation (the target of an unfinished rotation).
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
    CREATE TABLE IF NOT EXISTS key_check (id INTEGER PRIMARY KEY CHECK (id = 1), check_value BLOB NOT NULL, created_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS derivation_root (id INTEGER PRIMARY KEY CHECK (id = 1), wrapped BLOB NOT NULL);
    CREATE TABLE IF NOT EXISTS key_rotation (id INTEGER PRIMARY KEY CHECK (id = 1), target_check BLOB NOT NULL, started_at TEXT NOT NULL)`);
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

  wrappedDerivationRoot(): Buffer | undefined {
    return (this.db.prepare('SELECT wrapped FROM derivation_root WHERE id = 1').get() as { wrapped: Buffer } | undefined)?.wrapped;
  }

  rotationTarget(): Buffer | undefined {
    const row = this.db.prepare('SELECT target_check FROM key_rotation WHERE id = 1').get() as { target_check: Buffer } | undefined;
    return row?.target_check;
  }

  /** Records the rotation's target (kept until `finishRotation`) and, if none is stored yet, the wrapped derivation root. */
  beginRotation(targetCheck: Buffer, wrappedRoot: Buffer): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO key_rotation (id, target_check, started_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING')
        .run(targetCheck, new Date().toISOString());
      this.db.prepare('INSERT INTO derivation_root (id, wrapped) VALUES (1, ?) ON CONFLICT (id) DO NOTHING').run(wrappedRoot);
    })();
  }

  /** Up to `limit` account keys that are still there, in account id order after `afterAccountId`. */
  wrappedKeysAfter(afterAccountId: string, limit: number): { accountId: string; wrapped: Buffer }[] {
    const rows = this.db
      .prepare(
        'SELECT account_id, wrapped_key FROM account_keys WHERE wrapped_key IS NOT NULL AND account_id > ? ORDER BY account_id LIMIT ?',
      )
      .all(afterAccountId, limit) as { account_id: string; wrapped_key: Buffer }[];
    return rows.map((row) => ({ accountId: row.account_id, wrapped: row.wrapped_key }));
  }

  countWrappedKeys(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM account_keys WHERE wrapped_key IS NOT NULL').get() as { n: number }).n;
  }

  /** Replaces each key that is still what it was read as, all in one transaction (a crash keeps all or none). */
  replaceWrappedKeys(rewraps: KeyRewrap[]): void {
    const update = this.db.prepare('UPDATE account_keys SET wrapped_key = ? WHERE account_id = ? AND wrapped_key = ?');
    this.db.transaction(() => {
      for (const { accountId, from, to } of rewraps) update.run(to, accountId, from);
    })();
  }

  replaceDerivationRoot(from: Buffer, to: Buffer): void {
    this.db.prepare('UPDATE derivation_root SET wrapped = ? WHERE id = 1 AND wrapped = ?').run(to, from);
  }

  /** Ends the rotation: the target's check value becomes the stored one, in one transaction. */
  finishRotation(targetCheck: Buffer): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE key_check SET check_value = ?, created_at = ? WHERE id = 1').run(targetCheck, new Date().toISOString());
      this.db.prepare('DELETE FROM key_rotation WHERE id = 1').run();
    })();
  }

  /** For operators and tests: the journal settings in force. */
  pragma(name: 'synchronous' | 'journal_mode'): unknown {
    return this.db.pragma(name, { simple: true });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
