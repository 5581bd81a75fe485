import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { InMemoryKeyStore } from './in-memory-key-store';
import { KeyStore } from './key-store.port';
import { SqliteKeyStore } from './sqlite-key-store';

const dirs: string[] = [];
function sqliteFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'key-store-'));
  dirs.push(dir);
  return join(dir, 'sub', 'keys.db');
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe.each([
  ['InMemoryKeyStore', (): KeyStore => new InMemoryKeyStore()],
  ['SqliteKeyStore', (): KeyStore => new SqliteKeyStore(sqliteFile())],
])('%s', (_name, create) => {
  let store: KeyStore;
  beforeEach(() => {
    store = create();
  });
  afterEach(() => store.close());

  it('returns undefined for an account without a key, and the stored bytes after put', () => {
    expect(store.get('acc-1')).toBeUndefined();
    store.put('acc-1', Buffer.from([1, 2, 3]));
    expect(store.get('acc-1')).toEqual(Buffer.from([1, 2, 3]));
    expect(store.get('acc-2')).toBeUndefined();
  });

  it('never replaces a stored key: the first put wins', () => {
    store.put('acc-1', Buffer.from([1]));
    store.put('acc-1', Buffer.from([2]));
    expect(store.get('acc-1')).toEqual(Buffer.from([1]));
  });

  it('forgets a deleted key and stores no new key for that account afterwards', () => {
    store.put('acc-1', Buffer.from([1]));
    store.put('acc-2', Buffer.from([2]));
    store.delete('acc-1');
    expect(store.get('acc-1')).toBeUndefined();
    store.put('acc-1', Buffer.from([3]));
    expect(store.get('acc-1')).toBeUndefined();
    expect(store.get('acc-2')).toEqual(Buffer.from([2]));
  });
});

describe('SqliteKeyStore on disk', () => {
  it('uses WAL mode and the account_keys table, and keeps keys across reopening', () => {
    const file = sqliteFile();
    const store = new SqliteKeyStore(file);
    store.put('acc-1', Buffer.from([9, 9]));
    store.close();

    const reopened = new SqliteKeyStore(file);
    expect(reopened.get('acc-1')).toEqual(Buffer.from([9, 9]));
    reopened.delete('acc-1');
    reopened.close();

    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const row = db.prepare('SELECT account_id, wrapped_key, created_at FROM account_keys').get() as Record<string, unknown>;
    expect(row).toMatchObject({ account_id: 'acc-1', wrapped_key: null });
    expect(typeof row.created_at).toBe('string');
    db.close();
  });
});
