import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '@identity/config';
import { loadMasterKey, MASTER_KEY_ENV, NEW_MASTER_KEY_ENV, parseMasterKey, rotateMasterKey, SqliteKeyStore } from '@identity/security';
import { parseOptions, UsageError } from '../cli-args';

const DEV_KEY_FILE = 'master.key';

/**
 * `keys rotate-master [--batch-size N]`: re-wraps every account key in DATA_DIR/keys.db under the
 * master key in IDENTITY_NEW_MASTER_KEY (the current one from IDENTITY_MASTER_KEY, or the development
 * DATA_DIR/master.key, which then gets the new key). Run it with every instance of the service
 * stopped; a killed run is finished by running it again with the same keys. Progress on stderr.
 */
export function rotateMasterKeyCommand(
  config: AppConfig,
  args: string[],
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
  progress: (line: string) => void,
): void {
  const batchSize = batchSizeOf(parseOptions(args));
  const newKey = parseMasterKey(env[NEW_MASTER_KEY_ENV] ?? '');
  if (!newKey) throw new UsageError(`${NEW_MASTER_KEY_ENV} must hold the new master key: the base64 encoding of exactly 32 bytes`);
  const devKeyFile = join(config.dataDir, DEV_KEY_FILE);
  const fromDevFile = !config.masterKey;
  if (fromDevFile && !existsSync(devKeyFile)) throw new UsageError(`${MASTER_KEY_ENV} must hold the current master key`);
  const currentKey = loadMasterKey({ envValue: config.masterKey ?? undefined, dataDir: config.dataDir, warn: progress });
  const keyStoreFile = join(config.dataDir, 'keys.db');
  if (!existsSync(keyStoreFile)) throw new UsageError(`there is no keys.db in DATA_DIR (${config.dataDir})`);
  const store = new SqliteKeyStore(keyStoreFile);
  try {
    const outcome = rotateMasterKey({ currentKey, newKey, store, batchSize, progress });
    if (fromDevFile) replaceDevKeyFile(devKeyFile, newKey);
    out(
      outcome.alreadyDone
        ? `the master key was already rotated to this key (${outcome.total} account keys)`
        : `rotated the master key: ${outcome.rewrapped} account keys re-wrapped now, ${outcome.total} in all; start the service with the new key`,
    );
  } finally {
    store.close();
  }
}

function batchSizeOf(options: Record<string, string | true>): number {
  const extra = Object.keys(options).filter((name) => name !== 'batch-size');
  if (extra.length > 0) throw new UsageError(`keys rotate-master: unknown option --${extra[0]}`);
  const text = options['batch-size'];
  if (text === undefined) return 500;
  const size = typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(size >= 1 && size <= 10_000)) throw new UsageError('--batch-size takes a whole number from 1 to 10000');
  return size;
}

/** The development key file gets the new key, written beside it first and renamed over it. */
function replaceDevKeyFile(file: string, key: Buffer): void {
  const next = `${file}.new`;
  writeFileSync(next, `${key.toString('base64')}\n`, { mode: 0o600 });
  renameSync(next, file);
}
