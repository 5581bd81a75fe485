import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PostgresReadModelDb, PostgresReadModelOptions } from './postgres-read-model-db';
import { ReadModelDb } from './read-model-db.port';
import { SqliteReadModelDb } from './sqlite-read-model-db';
import { WalCheckpointThread } from './wal-checkpoint-thread';

/** Where the read models live: READ_MODEL_URL (PostgreSQL), else `read-models.db` in DATA_DIR. */
export interface ReadModelLocation {
  dataDir: string;
  readModelUrl: string | null;
}

export const SQLITE_READ_MODEL_FILE = 'read-models.db';

/**
 * The embedded read-model database file, next to (not inside) the event store, in WAL mode. The
 * settings are made with a busy_timeout (a one-off wait at start); then it is 0, because a busy
 * timeout waits synchronously, stalling the whole event loop: SqliteReadModelDb waits on a timer instead.
 */
export function openSqliteReadModelFile(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, SQLITE_READ_MODEL_FILE));
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 0');
  return db;
}

/**
 * The read-model database as configured. A PostgreSQL pool connects on first use, not here. SQLite
 * gets a second, read-only connection for reads, so that they never queue behind a projection's
 * transaction (sqlite-read-model-db.ts); with `checkpointThread` (the API), its WAL checkpoints run on
 * a thread of their own, not in a projection's COMMIT on the event loop (wal-checkpoint-thread.ts).
 */
export function openReadModelDatabase(location: ReadModelLocation, options: { checkpointThread?: boolean } = {}): ReadModelDb {
  if (location.readModelUrl) return postgresReadModelDb(location.readModelUrl);
  const writer = openSqliteReadModelFile(location.dataDir);
  const reader = new Database(join(location.dataDir, SQLITE_READ_MODEL_FILE), { readonly: true, fileMustExist: true });
  reader.pragma('busy_timeout = 0');
  return new SqliteReadModelDb(writer, reader, options.checkpointThread ? WalCheckpointThread.start(writer) : null);
}

/**
 * The read models opened read-only (for `audit verify`), or null when there are none: no SQLite file
 * in DATA_DIR. A PostgreSQL database is always opened (its tables may still be missing).
 */
export function openReadModelsReadOnly(location: ReadModelLocation): ReadModelDb | null {
  if (location.readModelUrl) return postgresReadModelDb(location.readModelUrl, { readOnly: true, maxConnections: 2 });
  const file = join(location.dataDir, SQLITE_READ_MODEL_FILE);
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return new SqliteReadModelDb(db);
}

/** Loaded only when READ_MODEL_URL is set: pg took a twentieth of every start on SQLite to load. */
function postgresReadModelDb(url: string, options?: PostgresReadModelOptions): PostgresReadModelDb {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, typed by the import type above
  const postgres = require('./postgres-read-model-db') as typeof import('./postgres-read-model-db');
  return new postgres.PostgresReadModelDb(url, options);
}
