import { randomInt } from 'node:crypto';

const MAX_DIGITS = 12;

/** A uniformly random one-time code of `digits` decimal digits, leading zeros kept ("004217"). */
export function generateNumericCode(digits = 6): string {
  if (!Number.isInteger(digits) || digits < 1 || digits > MAX_DIGITS) {
    throw new RangeError(`generateNumericCode: digits must be an integer from 1 to ${MAX_DIGITS}`);
  }
  return String(randomInt(0, 10 ** digits)).padStart(digits, '0');
}
