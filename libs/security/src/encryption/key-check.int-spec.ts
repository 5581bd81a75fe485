import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryKeyStore } from './in-memory-key-store';
import { checkMasterKey, KeyCheckError, masterKeyCheckValue } from './key-check';
import { SecretBox } from './secret-box';
import { SqliteKeyStore } from './sqlite-key-store';

describe('checkMasterKey', () => {
  const rightKey = randomBytes(32);
  const wrongKey = randomBytes(32);
  const check = (masterKey: Buffer, keyStore: InMemoryKeyStore, options: { keyStoreExisted?: boolean; storeHasEvents?: boolean } = {}) =>
    checkMasterKey({
      masterKey,
      keyStore,
      secretBox: new SecretBox(masterKey, keyStore),
      keyStoreExisted: options.keyStoreExisted ?? true,
      storeHasEvents: options.storeHasEvents ?? true,
    });

  it('stores the check value on a fresh store and accepts the same key next time', () => {
    const keyStore = new InMemoryKeyStore();
    check(rightKey, keyStore, { keyStoreExisted: false, storeHasEvents: false });
    expect(keyStore.checkValue()).toEqual(masterKeyCheckValue(rightKey));
    expect(() => check(rightKey, keyStore)).not.toThrow();
  });

  it('refuses another master key once a check value is stored, naming IDENTITY_MASTER_KEY', () => {
    const keyStore = new InMemoryKeyStore();
    check(rightKey, keyStore, { keyStoreExisted: false, storeHasEvents: false });
    expect(() => check(wrongKey, keyStore)).toThrow(KeyCheckError);
    expect(() => check(wrongKey, keyStore)).toThrow(/IDENTITY_MASTER_KEY/);
  });

  it('tests a store written before check values by opening one of its keys', () => {
    const keyStore = new InMemoryKeyStore();
    new SecretBox(rightKey, keyStore).encrypt('account-1', '+15550000000');
    expect(() => check(wrongKey, keyStore)).toThrow(/IDENTITY_MASTER_KEY/);
    expect(keyStore.checkValue()).toBeUndefined();
    check(rightKey, keyStore);
    expect(keyStore.checkValue()).toEqual(masterKeyCheckValue(rightKey));
  });

  it('refuses a key store that was missing while the event store holds events, naming keys.db', () => {
    expect(() => check(rightKey, new InMemoryKeyStore(), { keyStoreExisted: false, storeHasEvents: true })).toThrow(/keys\.db/);
  });

  it('never puts the master key in its message', () => {
    const keyStore = new InMemoryKeyStore();
    check(rightKey, keyStore, { keyStoreExisted: false, storeHasEvents: false });
    let message = '';
    try {
      check(wrongKey, keyStore);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toContain(wrongKey.toString('base64'));
    expect(message).not.toContain(rightKey.toString('base64'));
  });
});

describe('SqliteKeyStore durability and check value', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'identity-keys-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes with synchronous=FULL, as the event store does', () => {
    const store = new SqliteKeyStore(join(dir, 'keys.db'));
    try {
      expect(store.pragma('synchronous')).toBe(2); // 2 = FULL
    } finally {
      store.close();
    }
  });

  it('keeps the check value across reopening and never replaces it', () => {
    const file = join(dir, 'keys.db');
    const first = new SqliteKeyStore(file);
    first.saveCheckValue(Buffer.from('first'));
    first.saveCheckValue(Buffer.from('second'));
    first.close();
    const again = new SqliteKeyStore(file);
    try {
      expect(again.checkValue()).toEqual(Buffer.from('first'));
    } finally {
      again.close();
    }
  });
});
