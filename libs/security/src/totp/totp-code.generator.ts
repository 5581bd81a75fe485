import { createHmac } from 'node:crypto';
import { decodeBase32 } from './base32.codec';

/** The parameters every authenticator app agrees on (RFC 6238 defaults, Google Authenticator). */
export const TOTP_ALGORITHM = 'SHA1';
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;

/** Digits an HOTP code may have here: 6 for TOTP, 8 for the RFC 6238 test vectors. */
export type HotpDigits = 6 | 8;

/** The RFC 6238 time step of an instant: floor(unix seconds / 30), counted from the Unix epoch. */
export function totpStepAt(at: Date): number {
  const millis = at.getTime();
  if (!Number.isFinite(millis)) throw new RangeError('totpStepAt: invalid date');
  return Math.floor(Math.floor(millis / 1000) / TOTP_PERIOD_SECONDS);
}

/**
 * The RFC 4226 HOTP code of one counter value: HMAC-SHA1 over the 8-byte big-endian counter, dynamic
 * truncation, modulo 10^digits. `secret` is RFC 4648 base32 text, or the raw key bytes (the RFC test
 * vectors use an ASCII key). Internal: callers use {@link totpCodeAt}; 8 digits exist for the vectors.
 * Computed with node:crypto rather than otplib because otplib v13's dependencies are ESM-only and do
 * not load under Jest on Node 20; the specs cross-check this against otplib in a child process.
 */
export function hotpCodeForStep(secret: string | Uint8Array, step: number, digits: HotpDigits = TOTP_DIGITS): string {
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError('hotpCodeForStep: step must be a non-negative integer');
  const key = typeof secret === 'string' ? decodeBase32(secret) : secret;
  if (key.length === 0) throw new TypeError('hotpCodeForStep: empty secret');
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const truncated = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(truncated % 10 ** digits).padStart(digits, '0');
}

/** The 6-digit TOTP code of a base32 secret at an instant (for tests and end-to-end clients). */
export function totpCodeAt(secret: string, at: Date): string {
  return hotpCodeForStep(secret, totpStepAt(at), TOTP_DIGITS);
}
