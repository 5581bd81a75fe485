import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const MASTER_KEY_ENV = 'IDENTITY_MASTER_KEY';
export const MASTER_KEY_BYTES = 32;
const DEV_KEY_FILE = 'master.key';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export interface LoadMasterKeyOptions {
  /** The value of IDENTITY_MASTER_KEY, if set: base64 of exactly 32 bytes. */
  envValue?: string;
  /** Where a development key is kept when no key is configured. */
  dataDir: string;
  warn: (message: string) => void;
}

/**
 * The 256-bit master key that wraps every account's data key. From IDENTITY_MASTER_KEY when set (and
 * it must then be valid); otherwise a development key in `<dataDir>/master.key`, generated on first
 * use (mode 0600) with a warning. Neither the key nor the variable's value is ever put in a message.
 * An empty or blank variable counts as unset.
 */
export function loadMasterKey({ envValue, dataDir, warn }: LoadMasterKeyOptions): Buffer {
  if (envValue !== undefined && envValue.trim() !== '') {
    const key = decodeKey(envValue);
    if (!key) throw new Error(`${MASTER_KEY_ENV} must be the base64 encoding of exactly ${MASTER_KEY_BYTES} bytes`);
    return key;
  }
  const file = join(dataDir, DEV_KEY_FILE);
  const existing = readKeyFile(file);
  if (existing) {
    warn(`${MASTER_KEY_ENV} is not set: using the development master key in ${file}. Set ${MASTER_KEY_ENV} in production.`);
    return existing;
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(MASTER_KEY_BYTES);
  try {
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it first: use that one.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadMasterKey({ dataDir, warn });
    throw error;
  }
  warn(`${MASTER_KEY_ENV} is not set: generated a development master key in ${file}. Set ${MASTER_KEY_ENV} in production.`);
  return key;
}

/** A master key from its base64 text (exactly 32 bytes), or null if the text is not one. */
export function parseMasterKey(text: string): Buffer | null {
  return decodeKey(text);
}

function decodeKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (!BASE64.test(trimmed)) return null;
  const key = Buffer.from(trimmed, 'base64');
  return key.length === MASTER_KEY_BYTES ? key : null;
}

function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const key = decodeKey(text);
  if (!key) throw new Error(`${file} does not hold the base64 encoding of a ${MASTER_KEY_BYTES}-byte master key`);
  return key;
}
