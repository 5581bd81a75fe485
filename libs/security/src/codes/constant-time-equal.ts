import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two strings in constant time. Both are hashed (SHA-256) first, so the comparison is
 * always of 32 bytes and neither the length nor the position of a difference shows in the timing.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const digestA = createHash('sha256').update(a, 'utf8').digest();
  const digestB = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(digestA, digestB);
}
