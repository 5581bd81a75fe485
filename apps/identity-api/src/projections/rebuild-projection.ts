import type Database from 'better-sqlite3';
import { EventStore } from '@identity/event-store';
import { CheckpointStore } from './checkpoint-store';
import { Projection } from './projection';

/**
 * Rebuilds a projection from the first event, in one transaction: readers see the old rows until the
 * new ones are complete, and a crash half-way leaves the old rows. The runner of this projection must
 * not run on the same connection meanwhile (the CLI uses its own connection; a running server's
 * runner skips what the rebuild applied, by the checkpoint).
 */
export async function rebuildProjection(
  projection: Projection,
  store: EventStore,
  db: Database.Database,
  onProgress: (count: number) => void = () => undefined,
): Promise<number> {
  const checkpoints = new CheckpointStore(db);
  projection.setUp(db);
  let count = 0;
  db.exec('BEGIN IMMEDIATE');
  try {
    projection.reset(db);
    checkpoints.clear(projection.name);
    let last = null;
    for await (const event of store.readAll({ streamPrefixes: projection.streamPrefixes })) {
      projection.apply(db, event);
      last = event.position;
      if (++count % 10000 === 0) onProgress(count);
    }
    if (last) checkpoints.save(projection.name, last);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
  onProgress(count);
  return count;
}
