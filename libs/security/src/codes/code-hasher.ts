import { createHmac } from 'node:crypto';
import { constantTimeEqual } from './constant-time-equal';

/**
 * Hashes one-time codes for storage: hex HMAC-SHA256 over `${scope}:${code}` with a key of its own
 * (derive it with `deriveKey(masterKey, 'verification-codes')`). The scope (a verification or
 * challenge id) makes equal codes hash differently, and the key stops offline guessing of the
 * million possible codes from a stored hash.
 */
export class CodeHasher {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new RangeError('CodeHasher: the key must be at least 32 bytes');
  }

  hash(scope: string, code: string): string {
    return createHmac('sha256', this.key).update(`${scope}:${code}`, 'utf8').digest('hex');
  }

  /** Whether `code` hashes to `expectedHash` in this scope, compared in constant time. */
  matches(scope: string, code: string, expectedHash: string): boolean {
    return constantTimeEqual(this.hash(scope, code), expectedHash);
  }
}
