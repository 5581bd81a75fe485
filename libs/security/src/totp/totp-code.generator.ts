import { generateSync } from 'otplib';

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
 * The code of one RFC 6238 time step, computed by otplib as the RFC 4226 HOTP code of the step
 * (HMAC-SHA1, dynamic truncation, modulo 10^digits). `secret` is RFC 4648 base32 text, or the raw key
 * bytes (the RFC test vectors use an ASCII key). otplib refuses keys shorter than 16 bytes.
 * Internal: callers use {@link totpCodeAt}; 8 digits exist for the RFC vectors.
 */
export function hotpCodeForStep(secret: string | Uint8Array, step: number, digits: HotpDigits = TOTP_DIGITS): string {
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError('hotpCodeForStep: step must be a non-negative integer');
  return generateSync({ strategy: 'hotp', secret, counter: step, digits, algorithm: 'sha1' });
}

/** The 6-digit TOTP code of a base32 secret at an instant (for tests and end-to-end clients). */
export function totpCodeAt(secret: string, at: Date): string {
  return hotpCodeForStep(secret, totpStepAt(at), TOTP_DIGITS);
}
