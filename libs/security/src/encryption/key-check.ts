import { createHmac, timingSafeEqual } from 'node:crypto';
import { KeyStore } from './key-store.port';
import { MASTER_KEY_ENV } from './master-key.loader';
import { SecretBox } from './secret-box';

const CHECK_LABEL = 'identity-service:master-key-check:v1';

/** A value that proves which master key wrapped a key store, without revealing the key: HMAC-SHA256 of a fixed label. */
export function masterKeyCheckValue(masterKey: Buffer): Buffer {
  return createHmac('sha256', masterKey).update(CHECK_LABEL).digest();
}

/** The start would make existing secrets unreadable (or write new ones under the wrong key): refused. */
export class KeyCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyCheckError';
  }
}

export interface KeyCheckInput {
  masterKey: Buffer;
  keyStore: KeyStore;
  secretBox: SecretBox;
  /** Whether the key store's file was there before this start (a fresh key store is empty by nature). */
  keyStoreExisted: boolean;
  /** Whether the event store already holds events (so that secrets may be encrypted in them). */
  storeHasEvents: boolean;
}

/**
 * Checked at every start, before anything is served. The master key must be the one whose check value
 * is stored beside the account keys; a store written before check values is tested by opening one of
 * its keys, then gets its check value. A key store missing while events exist is refused too: starting
 * would write new accounts under new keys while every older secret stays unreadable.
 */
export function checkMasterKey({ masterKey, keyStore, secretBox, keyStoreExisted, storeHasEvents }: KeyCheckInput): void {
  if (keyStore.rotationTarget()) {
    throw new KeyCheckError(
      'a master key rotation is unfinished: run `npm run cli -- keys rotate-master` again with the same ' +
        `${MASTER_KEY_ENV} and IDENTITY_NEW_MASTER_KEY, then start with the new key (docs/operations.md, key rotation)`,
    );
  }
  const expected = masterKeyCheckValue(masterKey);
  const stored = keyStore.checkValue();
  if (stored) {
    if (stored.length !== expected.length || !timingSafeEqual(stored, expected)) {
      throw new KeyCheckError(
        `${MASTER_KEY_ENV} is not the master key this data was written with (the key check value in keys.db differs): ` +
          `start with the key it was written with (after \`keys rotate-master\`, the new one), or restore DATA_DIR/master.key; ` +
          'see docs/operations.md, key rotation',
      );
    }
    return;
  }
  if (!keyStoreExisted && storeHasEvents) {
    throw new KeyCheckError(
      'keys.db is missing while the event store holds events: every stored secret would be unreadable and new ones written ' +
        'under new keys. Restore keys.db (with its -wal file) from the backup taken with events.db',
    );
  }
  const sample = keyStore.sampleKey();
  if (sample && !secretBox.opensWrappedKey(sample.accountId, sample.wrapped)) {
    throw new KeyCheckError(
      `${MASTER_KEY_ENV} does not open the account keys in keys.db: start with the master key they were wrapped with`,
    );
  }
  keyStore.saveCheckValue(expected);
}
