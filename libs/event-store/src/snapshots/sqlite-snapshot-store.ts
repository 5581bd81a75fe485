import { existsSync, renameSync } from 'node:fs';
import Database from 'better-sqlite3';
import { deserializeSnapshot, isSnapshot, SerializedSnapshot, serializeSnapshot } from './serialized-snapshot';
import { Snapshot, SnapshotErrorReporter, SnapshotStore } from './snapshot-store.port';

export interface SqliteSnapshotStoreOptions {
  /** The cache's own file (e.g. `DATA_DIR/snapshots.db`), never the event store's. */
  filePath: string;
  busyTimeoutMs?: number;
  /** Told about every snapshot ignored or not saved. Default: nothing. */
  onError?: SnapshotErrorReporter;
}

const DDL = `
CREATE TABLE IF NOT EXISTS snapshots (
  stream_id  TEXT    NOT NULL,
  version    TEXT    NOT NULL,
  revision   INTEGER NOT NULL,
  event_hash TEXT    NOT NULL,
  state      TEXT    NOT NULL,
  checksum   TEXT    NOT NULL,
  saved_at   TEXT    NOT NULL,
  PRIMARY KEY (stream_id, version)
) WITHOUT ROWID`;

type Row = { revision: bigint; event_hash: string; state: string; checksum: string };

/**
 * Snapshots in a SQLite file of their own, in WAL mode. The file is a cache: synchronous=NORMAL
 * (a power loss may take the last saves, which only costs a longer fold), and a file that cannot be
 * opened as a database is moved aside (`<file>.unreadable-<time>`) and started afresh. A damaged
 * row is ignored and deleted; a failing save is reported and given up.
 */
export class SqliteSnapshotStore implements SnapshotStore {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string, string], Row>;
  private readonly upsert: Database.Statement<unknown[]>;
  private readonly remove: Database.Statement<[string, string]>;
  private readonly report: SnapshotErrorReporter;

  constructor(options: SqliteSnapshotStoreOptions) {
    this.report = options.onError ?? (() => undefined);
    this.db = this.open(options.filePath, options.busyTimeoutMs ?? 5_000);
    this.select = this.db.prepare('SELECT revision, event_hash, state, checksum FROM snapshots WHERE stream_id = ? AND version = ?');
    this.upsert = this.db.prepare(
      'INSERT INTO snapshots (stream_id, version, revision, event_hash, state, checksum, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT (stream_id, version) DO UPDATE SET revision = excluded.revision, event_hash = excluded.event_hash, ' +
        'state = excluded.state, checksum = excluded.checksum, saved_at = excluded.saved_at',
    );
    this.remove = this.db.prepare('DELETE FROM snapshots WHERE stream_id = ? AND version = ?');
  }

  async load(streamId: string, version: string): Promise<Snapshot | null> {
    try {
      const row = this.select.get(streamId, version);
      if (!row) return null;
      const stored: SerializedSnapshot = { revision: row.revision, eventHash: row.event_hash, state: row.state, checksum: row.checksum };
      const snapshot = deserializeSnapshot(stored);
      if (isSnapshot(snapshot)) return snapshot;
      this.report(`snapshot of ${streamId} (${version}) ignored: ${snapshot.problem}`);
      this.remove.run(streamId, version);
      return null;
    } catch (error) {
      this.report(`snapshot of ${streamId} (${version}) unreadable`, error);
      return null;
    }
  }

  async save(streamId: string, version: string, snapshot: Snapshot): Promise<void> {
    try {
      const stored = serializeSnapshot(snapshot);
      this.upsert.run(streamId, version, stored.revision, stored.eventHash, stored.state, stored.checksum, new Date().toISOString());
    } catch (error) {
      this.report(`snapshot of ${streamId} (${version}) not saved`, error);
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private open(filePath: string, busyTimeoutMs: number): Database.Database {
    try {
      return openSnapshotDatabase(filePath, busyTimeoutMs);
    } catch (error) {
      if (filePath === ':memory:' || !existsSync(filePath)) throw error;
      const aside = `${filePath}.unreadable-${Date.now()}`;
      this.report(`snapshot file ${filePath} unreadable, moved to ${aside}`, error);
      renameSync(filePath, aside);
      for (const suffix of ['-wal', '-shm']) if (existsSync(filePath + suffix)) renameSync(filePath + suffix, aside + suffix);
      return openSnapshotDatabase(filePath, busyTimeoutMs);
    }
  }
}

function openSnapshotDatabase(filePath: string, busyTimeoutMs: number): Database.Database {
  const db = new Database(filePath, { timeout: busyTimeoutMs });
  try {
    db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.defaultSafeIntegers(true);
    db.exec(DDL);
    db.prepare('SELECT 1 FROM snapshots LIMIT 1').get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
