import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { generateSync, ScureBase32Plugin } from 'otplib';

/** The parameters every authenticator app agrees on (RFC 6238 defaults, Google Authenticator). */
export const TOTP_ALGORITHM = 'SHA1';
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;

/** Digits an HOTP code may have here: 6 for TOTP, 8 for the RFC 6238 test vectors. */
export type HotpDigits = 6 | 8;

/**
 * otplib with its Node.js crypto plugin, so that each code is one native HMAC (otplib's default
 * plugin computes HMAC-SHA1 in JavaScript), and with its own base32 plugin for the secrets.
 */
const nodeCrypto = new NodeCryptoPlugin();
const base32 = new ScureBase32Plugin();

/** The RFC 6238 time step of an instant: floor(unix seconds / 30), counted from the Unix epoch. */
export function totpStepAt(at: Date): number {
  const millis = at.getTime();
  if (!Number.isFinite(millis)) throw new RangeError('totpStepAt: invalid date');
  return Math.floor(Math.floor(millis / 1000) / TOTP_PERIOD_SECONDS);
}

/**
 * The key bytes of a secret, decoded once for all the steps a match computes: RFC 4648 base32 text
 * decoded by otplib's base32 plugin (which throws for text that is not base32), or the raw bytes as
 * they are (the RFC test vectors use an ASCII key). otplib refuses a key under 16 bytes when it
 * computes a code.
 */
export function totpKeyBytes(secret: string | Uint8Array): Uint8Array {
  return typeof secret === 'string' ? base32.decode(secret) : secret;
}

/**
 * The RFC 4226 HOTP code of a counter (HMAC-SHA1 over the 8-byte big-endian counter, dynamic
 * truncation, modulo 10^digits), computed by otplib with node:crypto's HMAC, from key bytes of
 * {@link totpKeyBytes}.
 */
export function hotpCodeOfKey(key: Uint8Array, step: number, digits: HotpDigits = TOTP_DIGITS): string {
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError('hotpCodeForStep: step must be a non-negative integer');
  return generateSync({ strategy: 'hotp', secret: key, counter: step, digits, algorithm: 'sha1', crypto: nodeCrypto });
}

/**
 * The code of one RFC 6238 time step: the RFC 4226 HOTP code of the step. `secret` is RFC 4648
 * base32 text, or the raw key bytes (the RFC test vectors use an ASCII key); keys under 16 bytes are
 * refused. Internal: callers use {@link totpCodeAt}; 8 digits exist for the RFC vectors.
 */
export function hotpCodeForStep(secret: string | Uint8Array, step: number, digits: HotpDigits = TOTP_DIGITS): string {
  return hotpCodeOfKey(totpKeyBytes(secret), step, digits);
}

/** The 6-digit TOTP code of a base32 secret at an instant (for tests and end-to-end clients). */
export function totpCodeAt(secret: string, at: Date): string {
  return hotpCodeForStep(secret, totpStepAt(at), TOTP_DIGITS);
}
