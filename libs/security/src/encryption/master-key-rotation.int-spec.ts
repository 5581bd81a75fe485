import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { derivationRootOf } from './derivation-root';
import { checkMasterKey, KeyCheckError, masterKeyCheckValue } from './key-check';
import { rotateMasterKey } from './master-key-rotation';
import { SecretBox } from './secret-box';
import { SqliteKeyStore } from './sqlite-key-store';

describe('rotateMasterKey', () => {
  let dir: string;
  let store: SqliteKeyStore;
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const accounts = Array.from({ length: 12 }, (_, i) => `account-${String(i).padStart(2, '0')}`);
  let boxes: Map<string, string>;
  const start = (masterKey: Buffer) =>
    checkMasterKey({ masterKey, keyStore: store, secretBox: new SecretBox(masterKey, store), keyStoreExisted: true, storeHasEvents: true });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'identity-rotation-'));
    store = new SqliteKeyStore(join(dir, 'keys.db'));
    start(oldKey);
    const box = new SecretBox(oldKey, store);
    boxes = new Map(accounts.map((id) => [id, box.encrypt(id, `secret of ${id}`)]));
    box.shred('account-05');
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const readableWith = (key: Buffer) => {
    const box = new SecretBox(key, store);
    return accounts.filter((id) => id !== 'account-05').map((id) => box.decrypt(id, boxes.get(id) ?? ''));
  };

  it('re-wraps every key: the new key opens the old secrets, the old key is refused, derived keys stay', () => {
    const lines: string[] = [];
    const outcome = rotateMasterKey({ currentKey: oldKey, newKey, store, batchSize: 5, progress: (line) => lines.push(line) });
    expect(outcome).toEqual({ rewrapped: 11, total: 11, alreadyDone: false });
    expect(readableWith(newKey)).toEqual(accounts.filter((id) => id !== 'account-05').map((id) => `secret of ${id}`));
    expect(() => readableWith(oldKey)).toThrow(/does not open/);
    expect(store.checkValue()).toEqual(masterKeyCheckValue(newKey));
    expect(() => start(newKey)).not.toThrow();
    expect(() => start(oldKey)).toThrow(/IDENTITY_MASTER_KEY/);
    expect(derivationRootOf(newKey, store)).toEqual(oldKey);
    expect(lines.at(-1)).toMatch(/every account key opens with the new master key \(11 checked\)/);
    expect(rotateMasterKey({ currentKey: oldKey, newKey, store, progress: () => {} }).alreadyDone).toBe(true);
  });

  it('keeps the first derivation root over a second rotation', () => {
    rotateMasterKey({ currentKey: oldKey, newKey, store, progress: () => {} });
    const third = randomBytes(32);
    rotateMasterKey({ currentKey: newKey, newKey: third, store, progress: () => {} });
    expect(derivationRootOf(third, store)).toEqual(oldKey);
    expect(readableWith(third)).toHaveLength(11);
  });

  it('finishes a rotation that was stopped halfway when run again, and refuses a start until then', () => {
    const replace = store.replaceWrappedKeys.bind(store);
    let batches = 0;
    jest.spyOn(store, 'replaceWrappedKeys').mockImplementation((rewraps) => {
      if (++batches === 4) throw new Error('killed');
      replace(rewraps);
    });
    expect(() => rotateMasterKey({ currentKey: oldKey, newKey, store, batchSize: 2, progress: () => {} })).toThrow('killed');
    jest.restoreAllMocks();
    expect(new SecretBox(newKey, store).decrypt('account-00', boxes.get('account-00') ?? '')).toBe('secret of account-00');
    expect(new SecretBox(oldKey, store).decrypt('account-11', boxes.get('account-11') ?? '')).toBe('secret of account-11');
    expect(() => start(oldKey)).toThrow(/rotation is unfinished/);
    expect(() => start(newKey)).toThrow(/rotation is unfinished/);
    expect(() => rotateMasterKey({ currentKey: oldKey, newKey: randomBytes(32), store, progress: () => {} })).toThrow(
      /unfinished rotation to another key/,
    );
    const outcome = rotateMasterKey({ currentKey: oldKey, newKey, store, progress: () => {} });
    expect(outcome.rewrapped).toBe(5);
    expect(readableWith(newKey)).toHaveLength(11);
    expect(() => start(newKey)).not.toThrow();
  });

  it('refuses a current key that is not the one keys.db is written with, and changes nothing', () => {
    expect(() => rotateMasterKey({ currentKey: randomBytes(32), newKey, store, progress: () => {} })).toThrow(KeyCheckError);
    expect(store.rotationTarget()).toBeUndefined();
    expect(readableWith(oldKey)).toHaveLength(11);
  });
});
