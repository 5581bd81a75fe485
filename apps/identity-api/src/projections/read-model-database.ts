import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** The embedded read-model database: `read-models.db` in DATA_DIR, next to (not inside) the event store. */
export function openReadModelDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'read-models.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  return db;
}

export const READ_MODEL_DB = Symbol('READ_MODEL_DB');
