import { createHmac } from 'node:crypto';

/** The parameters every authenticator app agrees on (RFC 6238 defaults, Google Authenticator). */
export const TOTP_ALGORITHM = 'SHA1';
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;

/** Digits an HOTP code may have here: 6 for TOTP, 8 for the RFC 6238 test vectors. */
export type HotpDigits = 6 | 8;

/** RFC 4226 section 4 asks for at least 128 bits of key. */
const MIN_KEY_BYTES = 16;
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE32_TEXT = /^([A-Z2-7]+)(=*)$/;
/** Characters left in a last group of eight that hold whole bytes (1, 3 and 6 cannot). */
const WHOLE_BYTE_REMAINDERS = new Set([0, 2, 4, 5, 7]);

/** The RFC 6238 time step of an instant: floor(unix seconds / 30), counted from the Unix epoch. */
export function totpStepAt(at: Date): number {
  const millis = at.getTime();
  if (!Number.isFinite(millis)) throw new RangeError('totpStepAt: invalid date');
  return Math.floor(Math.floor(millis / 1000) / TOTP_PERIOD_SECONDS);
}

/**
 * The key bytes of a secret: RFC 4648 base32 text decoded (either case; padding optional, but
 * exact), or the raw bytes as they are (the RFC test vectors use an ASCII key). Throws for text that
 * is not base32 and for a key under 128 bits, as otplib did before these codes were computed here.
 */
export function totpKeyBytes(secret: string | Uint8Array): Buffer {
  const key = typeof secret === 'string' ? base32Decode(secret) : Buffer.from(secret);
  if (key.length < MIN_KEY_BYTES) throw new RangeError(`TOTP: the secret must be at least ${MIN_KEY_BYTES} bytes`);
  return key;
}

function base32Decode(text: string): Buffer {
  const [, data = '', padding = ''] = BASE32_TEXT.exec(text.toUpperCase()) ?? [];
  const remainder = data.length % 8;
  const exactPadding = padding.length === 0 || (remainder !== 0 && padding.length === 8 - remainder);
  if (!data || !WHOLE_BYTE_REMAINDERS.has(remainder) || !exactPadding) throw new TypeError('TOTP: the secret must be RFC 4648 base32');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of data) {
    value = ((value << 5) | BASE32_ALPHABET.indexOf(char)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  if ((value & ((1 << bits) - 1)) !== 0) throw new TypeError('TOTP: the secret must be RFC 4648 base32 (its last bits are not zero)');
  return Buffer.from(out);
}

/**
 * The RFC 4226 HOTP code of a counter (HMAC-SHA1 over the 8-byte big-endian counter, dynamic
 * truncation, modulo 10^digits) with key bytes from {@link totpKeyBytes}: node:crypto's HMAC, so a
 * code costs one native HMAC, not a library's per-call key decoding and hashing in JavaScript.
 */
export function hotpCodeOfKey(key: Buffer, step: number, digits: HotpDigits = TOTP_DIGITS): string {
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError('hotpCodeForStep: step must be a non-negative integer');
  const counter = Buffer.alloc(8);
  counter.writeUInt32BE(Math.floor(step / 2 ** 32), 0);
  counter.writeUInt32BE(step % 2 ** 32, 4);
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
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
