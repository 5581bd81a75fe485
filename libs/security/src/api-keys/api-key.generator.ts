import { createHash, randomBytes, randomInt } from 'node:crypto';

const KEY_PREFIX = 'idk';
/** 43 characters from 62 give 256 bits; no '_' or '-', so the key splits on '_' without doubt. */
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SECRET_LENGTH = 43;
const API_KEY = /^idk_([0-9a-f]{16})_([A-Za-z0-9_-]{43,128})$/;

export interface GeneratedApiKey {
  /** Public id (16 hex characters): names the key in streams, logs and the CLI. */
  keyId: string;
  /** `idk_<keyId>_<secret>`: shown once to whoever created it, never stored. */
  key: string;
  /** The secret part of `key`; store only `hashApiKeySecret(secret)`. */
  secret: string;
}

/** A new API key: `idk_<16 hex keyId>_<43 random base62 characters (256 bits)>`. */
export function generateApiKey(): GeneratedApiKey {
  const keyId = randomBytes(8).toString('hex');
  let secret = '';
  for (let i = 0; i < SECRET_LENGTH; i++) secret += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
  return { keyId, key: `${KEY_PREFIX}_${keyId}_${secret}`, secret };
}

/** Splits a presented key into its id and secret, or null if it does not have the API key form. */
export function parseApiKey(key: string): { keyId: string; secret: string } | null {
  if (typeof key !== 'string') return null;
  const [, keyId, secret] = API_KEY.exec(key) ?? [];
  return keyId !== undefined && secret !== undefined ? { keyId, secret } : null;
}

/**
 * Hex SHA-256 of an API key secret, for storage and lookup. A plain hash suffices (no salt, no slow
 * hash) because the secret is 256 random bits, not something a person chose. Compare with
 * `constantTimeEqual`.
 */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
