import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditSigningKey, auditKeyId } from '@identity/event-store';

export const AUDIT_SIGNING_KEY_ENV = 'AUDIT_SIGNING_KEY';
export const AUDIT_SIGNING_KEY_FILE = 'audit-signing.key';

export interface LoadAuditSigningKeyOptions {
  /** AUDIT_SIGNING_KEY, if set: an Ed25519 private key as PEM (PKCS#8) or base64 of its PKCS#8 DER. */
  envValue: string | null;
  dataDir: string;
  warn: (message: string) => void;
  /** Generate `<dataDir>/audit-signing.key` (mode 0600) when no key exists; else return null. */
  create: boolean;
}

/**
 * The key that signs audit digests: AUDIT_SIGNING_KEY when set (and then it must be valid), else the
 * PEM file in DATA_DIR, generated on first use with a warning. The key itself is never in a message.
 */
export function loadAuditSigningKey(options: LoadAuditSigningKeyOptions): AuditSigningKey | null {
  const { envValue, dataDir, warn, create } = options;
  if (envValue !== null && envValue.trim() !== '') return signingKeyOf(parsePrivateKey(envValue, AUDIT_SIGNING_KEY_ENV));
  const file = join(dataDir, AUDIT_SIGNING_KEY_FILE);
  const existing = readText(file);
  if (existing !== null) {
    warn(`${AUDIT_SIGNING_KEY_ENV} is not set: audit digests are signed with the key in ${file}`);
    return signingKeyOf(parsePrivateKey(existing, file));
  }
  if (!create) return null;
  mkdirSync(dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  try {
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process (the app or the CLI) created it first: use that one.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadAuditSigningKey({ ...options, create: false });
    throw error;
  }
  warn(`${AUDIT_SIGNING_KEY_ENV} is not set: generated an audit signing key in ${file}; keep it secret and publish its public key`);
  return signingKeyOf(privateKey);
}

/** A public key from PEM (SubjectPublicKeyInfo) text, for `audit verify --public-key FILE`. */
export function parsePublicKey(text: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(text);
  } catch {
    throw new Error(`${source} does not hold a PEM public key`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${source} is not an Ed25519 public key`);
  return key;
}

export function publicKeyPem(key: KeyObject): string {
  return String(key.export({ type: 'spki', format: 'pem' }));
}

function signingKeyOf(privateKey: KeyObject): AuditSigningKey {
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: auditKeyId(publicKey) };
}

function parsePrivateKey(text: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    const trimmed = text.trim();
    key = trimmed.startsWith('-----BEGIN')
      ? createPrivateKey(trimmed)
      : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new Error(`${source} must be an Ed25519 private key: PEM (PKCS#8) or the base64 of its PKCS#8 DER`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${source} must be an Ed25519 private key, not ${key.asymmetricKeyType}`);
  return key;
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
