import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { CachedSnapshotStore, SnapshotErrorReporter, SnapshotStore, SqliteSnapshotStore } from '@identity/event-store';
import { AppConfig } from '@identity/config';

/** How many streams' snapshots the process keeps in memory in front of the file. */
const CACHED_STREAMS = 10_000;

/**
 * The snapshot cache: a SQLite file of its own in DATA_DIR (`snapshots.db`), whichever event store
 * holds the events, behind an in-process LRU. Deleting the file only costs longer folds; see
 * docs/adr/0004-command-cost-and-snapshots.md. Specs give an `InMemorySnapshotStore` instead.
 */
export function createSnapshotStore(config: AppConfig, report: SnapshotErrorReporter): SnapshotStore {
  mkdirSync(config.dataDir, { recursive: true });
  const file = new SqliteSnapshotStore({ filePath: join(config.dataDir, 'snapshots.db'), onError: report });
  return new CachedSnapshotStore(file, { capacity: CACHED_STREAMS });
}
