import { AES_KEY_BYTES, gcmOpen, gcmSeal, GCM_IV_BYTES, GCM_TAG_BYTES } from './aes-gcm.cipher';

/** Wrapped key layout: version byte, nonce, tag, encrypted 32-byte key. */
const WRAP_VERSION = 1;
const WRAPPED_KEY_BYTES = 1 + GCM_IV_BYTES + GCM_TAG_BYTES + AES_KEY_BYTES;

/** Domain-separated from the box AAD, and binding each wrapped key to its account. */
export function accountKeyAad(accountId: string): Buffer {
  return Buffer.from(`identity:account-data-key:v1:${accountId}`, 'utf8');
}

/** The AAD of the derivation root (derivation-root.ts): no account key can be passed off as it. */
export const DERIVATION_ROOT_AAD = Buffer.from('identity:derivation-root:v1', 'utf8');

/** A 32-byte key encrypted under the master key (AES-256-GCM), bound to `aad`. */
export function wrapKey(masterKey: Buffer, aad: Buffer, key: Buffer): Buffer {
  const { iv, ciphertext, tag } = gcmSeal(masterKey, key, aad);
  return Buffer.concat([Buffer.from([WRAP_VERSION]), iv, tag, ciphertext]);
}

/** The key inside `wrapped`; throws if it is malformed or does not open with this master key and `aad`. */
export function unwrapKey(masterKey: Buffer, aad: Buffer, wrapped: Buffer): Buffer {
  if (wrapped.length !== WRAPPED_KEY_BYTES || wrapped[0] !== WRAP_VERSION) throw new Error('the wrapped key is malformed');
  const iv = wrapped.subarray(1, 1 + GCM_IV_BYTES);
  const tag = wrapped.subarray(1 + GCM_IV_BYTES, 1 + GCM_IV_BYTES + GCM_TAG_BYTES);
  const ciphertext = wrapped.subarray(1 + GCM_IV_BYTES + GCM_TAG_BYTES);
  try {
    return gcmOpen(masterKey, { iv, ciphertext, tag }, aad);
  } catch {
    throw new Error('the wrapped key does not open with this master key');
  }
}

/** Whether `wrapped` opens with this master key and `aad`. */
export function opensWith(masterKey: Buffer, aad: Buffer, wrapped: Buffer): boolean {
  try {
    unwrapKey(masterKey, aad, wrapped).fill(0);
    return true;
  } catch {
    return false;
  }
}
