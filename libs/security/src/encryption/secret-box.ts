import { randomBytes } from 'node:crypto';
import { AES_KEY_BYTES, gcmOpen, gcmSeal, GCM_IV_BYTES, GCM_TAG_BYTES } from './aes-gcm.cipher';
import { accountKeyAad, opensWith, unwrapKey, wrapKey } from './key-wrap';
import { KeyStore } from './key-store.port';
import { SecretBoxIntegrityError, SecretUnavailableError } from './secret-box.errors';

const BOX_PREFIX = 'enc:v1:';
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const MAX_CACHED_KEYS = 1000;

/**
 * Envelope encryption of per-account secrets (TOTP secret, phone, email) with AES-256-GCM.
 * Each account has its own random data key, wrapped by the master key and kept in the KeyStore;
 * deleting it there makes every box of that account unreadable (crypto-shredding). A box is
 * `enc:v1:<iv>.<ciphertext>.<tag>` (base64url) and is bound to its account id (GCM AAD).
 * The KeyStore is asked on every call, so a key deleted elsewhere stops working at once; the
 * small in-memory cache only saves unwrapping a key that is still there.
 */
export class SecretBox {
  private readonly dataKeys = new Map<string, { wrapped: Buffer; dataKey: Buffer }>();

  constructor(
    private readonly masterKey: Buffer,
    private readonly keyStore: KeyStore,
  ) {
    if (masterKey.length !== AES_KEY_BYTES) throw new RangeError(`SecretBox: the master key must be ${AES_KEY_BYTES} bytes`);
  }

  /** Encrypts for this account, creating its data key on first use. Throws SecretUnavailableError once shredded. */
  encrypt(accountId: string, plaintext: string): string {
    const dataKey = this.dataKeyOf(accountId, true);
    const { iv, ciphertext, tag } = gcmSeal(dataKey, Buffer.from(plaintext, 'utf8'), boxAad(accountId));
    return `${BOX_PREFIX}${[iv, ciphertext, tag].map((part) => part.toString('base64url')).join('.')}`;
  }

  /**
   * The plaintext of a box made for this account. Throws SecretUnavailableError if the account's key
   * was deleted, and SecretBoxIntegrityError if the box is malformed, altered or another account's.
   */
  decrypt(accountId: string, box: string): string {
    const dataKey = this.dataKeyOf(accountId, false);
    const sealed = parseBox(box);
    try {
      return gcmOpen(dataKey, sealed, boxAad(accountId)).toString('utf8');
    } catch {
      throw new SecretBoxIntegrityError('authentication failed (altered, or made for another account)');
    }
  }

  /** Whether this master key opens a wrapped data key of that account (the start-up key check of older stores). */
  opensWrappedKey(accountId: string, wrapped: Buffer): boolean {
    return opensWith(this.masterKey, accountKeyAad(accountId), wrapped);
  }

  /** Deletes the account's data key from the store and from this cache (crypto-shredding). */
  shred(accountId: string): void {
    this.forget(accountId);
    this.keyStore.delete(accountId);
  }

  private dataKeyOf(accountId: string, create: boolean): Buffer {
    if (typeof accountId !== 'string' || accountId.length === 0) throw new TypeError('SecretBox: accountId is required');
    let wrapped = this.keyStore.get(accountId);
    if (!wrapped && create) {
      this.keyStore.put(accountId, this.wrap(accountId, randomBytes(AES_KEY_BYTES)));
      wrapped = this.keyStore.get(accountId); // another writer may have won; use the stored key
    }
    if (!wrapped) {
      this.forget(accountId);
      throw new SecretUnavailableError(accountId);
    }
    const cached = this.dataKeys.get(accountId);
    if (cached && cached.wrapped.equals(wrapped)) {
      this.dataKeys.delete(accountId); // re-insert: most recently used last
      this.dataKeys.set(accountId, cached);
      return cached.dataKey;
    }
    const dataKey = this.unwrap(accountId, wrapped);
    this.dataKeys.set(accountId, { wrapped, dataKey });
    if (this.dataKeys.size > MAX_CACHED_KEYS) this.forget(this.dataKeys.keys().next().value as string);
    return dataKey;
  }

  private forget(accountId: string): void {
    this.dataKeys.get(accountId)?.dataKey.fill(0);
    this.dataKeys.delete(accountId);
  }

  private wrap(accountId: string, dataKey: Buffer): Buffer {
    return wrapKey(this.masterKey, accountKeyAad(accountId), dataKey);
  }

  private unwrap(accountId: string, wrapped: Buffer): Buffer {
    try {
      return unwrapKey(this.masterKey, accountKeyAad(accountId), wrapped);
    } catch (error) {
      throw new Error(`SecretBox: the data key of account ${accountId}: ${(error as Error).message}`);
    }
  }
}

function boxAad(accountId: string): Buffer {
  return Buffer.from(accountId, 'utf8');
}

function parseBox(box: string): { iv: Buffer; ciphertext: Buffer; tag: Buffer } {
  if (typeof box !== 'string' || !box.startsWith(BOX_PREFIX)) throw new SecretBoxIntegrityError('not an enc:v1 box');
  const parts = box.slice(BOX_PREFIX.length).split('.');
  const [ivText, ciphertextText, tagText] = parts;
  if (parts.length !== 3 || ivText === undefined || ciphertextText === undefined || tagText === undefined) {
    throw new SecretBoxIntegrityError('malformed box');
  }
  if (!parts.every((part) => BASE64URL.test(part))) throw new SecretBoxIntegrityError('malformed box');
  const [iv, ciphertext, tag] = [decodeBoxPart(ivText), decodeBoxPart(ciphertextText), decodeBoxPart(tagText)];
  if (iv.length !== GCM_IV_BYTES || tag.length !== GCM_TAG_BYTES) throw new SecretBoxIntegrityError('malformed box');
  return { iv, ciphertext, tag };
}

/** Only the canonical spelling is accepted, so a box has exactly one text form. */
function decodeBoxPart(part: string): Buffer {
  const bytes = Buffer.from(part, 'base64url');
  if (bytes.toString('base64url') !== part) throw new SecretBoxIntegrityError('malformed box');
  return bytes;
}
