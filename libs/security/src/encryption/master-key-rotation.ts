import { timingSafeEqual } from 'node:crypto';
import { derivationRootOf } from './derivation-root';
import { KeyCheckError, masterKeyCheckValue } from './key-check';
import { accountKeyAad, DERIVATION_ROOT_AAD, opensWith, unwrapKey, wrapKey } from './key-wrap';
import { MASTER_KEY_ENV } from './master-key.loader';
import { KeyRewrap, SqliteKeyStore } from './sqlite-key-store';

export const NEW_MASTER_KEY_ENV = 'IDENTITY_NEW_MASTER_KEY';
const MAX_PASSES = 3;
const PROGRESS_EVERY_MS = 250;

export interface MasterKeyRotation {
  /** The master key keys.db is written with now. */
  currentKey: Buffer;
  newKey: Buffer;
  store: SqliteKeyStore;
  /** Account keys re-wrapped per transaction. */
  batchSize?: number;
  progress: (line: string) => void;
}

export interface RotationOutcome {
  /** Account keys this run re-wrapped (a resumed run counts only its own). */
  rewrapped: number;
  /** Account keys still there (shredded ones have nothing to re-wrap). */
  total: number;
  /** The rotation had already finished before this run. */
  alreadyDone: boolean;
}

const same = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

/**
 * Re-wraps every account data key (and the derivation root) under a new master key. Resumable: the
 * target is recorded in keys.db first, each batch is one transaction, and a key is taken as done when
 * it opens with the new key, so a killed run is simply run again with the same two keys. Until the
 * last step every key opens with one of the two keys; the last step (one transaction) makes the new
 * key's check value the stored one. The service refuses to start while a rotation is unfinished.
 */
export function rotateMasterKey({ currentKey, newKey, store, batchSize = 500, progress }: MasterKeyRotation): RotationOutcome {
  if (same(currentKey, newKey)) throw new KeyCheckError(`${NEW_MASTER_KEY_ENV} is the current master key: nothing to rotate`);
  const targetCheck = masterKeyCheckValue(newKey);
  const stored = store.checkValue();
  const target = store.rotationTarget();
  if (!stored) throw new KeyCheckError('keys.db has no key check value yet: start the service once, then rotate');
  if (!target && same(stored, targetCheck)) return { rewrapped: 0, total: store.countWrappedKeys(), alreadyDone: true };
  if (!same(stored, masterKeyCheckValue(currentKey))) {
    throw new KeyCheckError(`${MASTER_KEY_ENV} is not the master key keys.db is written with`);
  }
  if (target && !same(target, targetCheck)) {
    throw new KeyCheckError(
      `an unfinished rotation to another key is under way: run it again with the ${NEW_MASTER_KEY_ENV} it began with`,
    );
  }
  if (!target) store.beginRotation(targetCheck, wrapKey(newKey, DERIVATION_ROOT_AAD, derivationRootOf(currentKey, store)));
  rewrapDerivationRoot(store, currentKey, newKey);
  const total = store.countWrappedKeys();
  let rewrapped = 0;
  for (let pass = 1; ; pass += 1) {
    const changed = rewrapPass(store, currentKey, newKey, Math.max(1, batchSize), pass === 1 ? throttled(progress, total) : () => {});
    rewrapped += changed;
    if (changed === 0) break;
    if (pass === MAX_PASSES)
      throw new Error('account keys keep appearing under the old master key: stop every instance of the service, then run again');
  }
  progress(`keys rotate-master: every account key opens with the new master key (${total} checked)`);
  store.finishRotation(targetCheck);
  return { rewrapped, total, alreadyDone: false };
}

function rewrapDerivationRoot(store: SqliteKeyStore, currentKey: Buffer, newKey: Buffer): void {
  const wrapped = store.wrappedDerivationRoot();
  if (!wrapped || opensWith(newKey, DERIVATION_ROOT_AAD, wrapped)) return;
  const root = unwrapKey(currentKey, DERIVATION_ROOT_AAD, wrapped);
  store.replaceDerivationRoot(wrapped, wrapKey(newKey, DERIVATION_ROOT_AAD, root));
  root.fill(0);
}

/** One walk over the keys in account id order; returns how many it re-wrapped. */
function rewrapPass(store: SqliteKeyStore, currentKey: Buffer, newKey: Buffer, batchSize: number, report: (seen: number) => void): number {
  let after = '';
  let seen = 0;
  let rewrapped = 0;
  for (;;) {
    const batch = store.wrappedKeysAfter(after, batchSize);
    if (batch.length === 0) return rewrapped;
    const rewraps: KeyRewrap[] = [];
    for (const { accountId, wrapped } of batch) {
      const aad = accountKeyAad(accountId);
      if (opensWith(newKey, aad, wrapped)) continue;
      let dataKey: Buffer;
      try {
        dataKey = unwrapKey(currentKey, aad, wrapped);
      } catch {
        throw new Error(`the key of account ${accountId} opens with neither master key: keys.db is damaged (nothing was changed for it)`);
      }
      rewraps.push({ accountId, from: wrapped, to: wrapKey(newKey, aad, dataKey) });
      dataKey.fill(0);
    }
    store.replaceWrappedKeys(rewraps);
    rewrapped += rewraps.length;
    seen += batch.length;
    after = batch[batch.length - 1]?.accountId ?? after;
    report(seen);
  }
}

function throttled(progress: (line: string) => void, total: number): (seen: number) => void {
  let last = 0;
  return (seen) => {
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS && seen < total) return;
    last = now;
    progress(`keys rotate-master: ${seen}/${total} account keys under the new master key`);
  };
}
