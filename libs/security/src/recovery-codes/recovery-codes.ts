import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { constantTimeEqual } from '../codes/constant-time-equal';

/** Digits and lower-case letters without the look-alikes 0/o, 1/l/i: 31 symbols, about 4.95 bits each. */
export const RECOVERY_CODE_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
export const RECOVERY_CODE_LENGTH = 10;
export const RECOVERY_CODES_PER_SET = 10;
/** `xxxxx-xxxxx` as shown; typed with or without the dash or spaces, in any case. */
export const RECOVERY_CODE_INPUT = /^[A-Za-z0-9]{5}[- ]?[A-Za-z0-9]{5}$/;

/** One fresh recovery code as shown to the person: `xxxxx-xxxxx` (about 49 bits of entropy). */
export function generateRecoveryCode(): string {
  const symbols = Array.from({ length: RECOVERY_CODE_LENGTH }, () => RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)]);
  return `${symbols.slice(0, 5).join('')}-${symbols.slice(5).join('')}`;
}

/** The code as compared: lower case, no dash or space; null when it cannot be a recovery code. */
export function normalizeRecoveryCode(input: string): string | null {
  if (typeof input !== 'string' || !RECOVERY_CODE_INPUT.test(input)) return null;
  return input.replace(/[- ]/g, '').toLowerCase();
}

export interface HashedRecoveryCode {
  salt: string;
  hash: string;
}

/**
 * Hashes recovery codes for storage: hex HMAC-SHA256 under a key of its own (derive it with
 * `deriveKey(masterKey, 'recovery-codes')`) over `salt:code`, with 16 random bytes of salt per code.
 * A fast keyed hash suffices for codes of ~49 random bits (docs/security.md says why no argon2).
 */
export class RecoveryCodeHasher {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new RangeError('RecoveryCodeHasher: the key must be at least 32 bytes');
  }

  /** A new set: the codes to show once, and their salted hashes to store (in the same order). */
  generateSet(count = RECOVERY_CODES_PER_SET): { codes: string[]; hashes: HashedRecoveryCode[] } {
    const codes = Array.from({ length: count }, () => generateRecoveryCode());
    return { codes, hashes: codes.map((code) => this.hashWithNewSalt(code)) };
  }

  hash(salt: string, code: string): string {
    const normalized = normalizeRecoveryCode(code) ?? code;
    return createHmac('sha256', this.key).update(`${salt}:${normalized}`, 'utf8').digest('hex');
  }

  /**
   * The index of the stored code `code` matches, or null. Every entry is compared, in constant
   * time and with no early exit, so the time taken does not tell which (if any) matched.
   */
  indexOf(code: string, stored: readonly HashedRecoveryCode[]): number | null {
    const normalized = normalizeRecoveryCode(code);
    let found: number | null = null;
    stored.forEach((entry, index) => {
      const equal = constantTimeEqual(this.hash(entry.salt, normalized ?? ''), entry.hash);
      if (equal && found === null && normalized !== null) found = index;
    });
    return found;
  }

  private hashWithNewSalt(code: string): HashedRecoveryCode {
    const salt = randomBytes(16).toString('hex');
    return { salt, hash: this.hash(salt, code) };
  }
}
