/**
 * Compares two strings without an early exit on the first difference, so the time taken does not
 * tell how much of a guess was right. Used for hashes, which are of equal length when well formed.
 */
export function constantTimeEquals(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    difference |= (a.charCodeAt(i % (a.length || 1)) || 0) ^ (b.charCodeAt(i % (b.length || 1)) || 0);
  }
  return difference === 0;
}
