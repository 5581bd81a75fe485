import { hkdfSync } from 'node:crypto';

const DERIVED_KEY_BYTES = 32;

/**
 * A 32-byte subkey of the master key for one purpose (HKDF-SHA256, RFC 5869, no salt), so that each
 * use (`verification-codes`, `session-tokens`, …) has its own key and none reveals another.
 */
export function deriveKey(masterKey: Buffer, info: string): Buffer {
  if (masterKey.length < 32) throw new RangeError('deriveKey: the master key must be at least 32 bytes');
  if (info.length === 0) throw new TypeError('deriveKey: info names the purpose and is required');
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), Buffer.from(info, 'utf8'), DERIVED_KEY_BYTES));
}
