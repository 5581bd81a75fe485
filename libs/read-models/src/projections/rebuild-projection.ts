import { EventStore, Position, RecordedEvent } from '@identity/event-store';
import { ReadModelDb, setUpSchema } from '../db/read-model-db.port';
import { clearCheckpoint, saveCheckpoint, setUpCheckpoints } from './checkpoint-store';
import { Projection } from './projection';
import { damageOf, ProjectionDamageError } from './projection-damage';

/**
 * Rebuilds a projection from the first event, in one transaction: readers see the old rows until the
 * new ones are complete, and a crash half-way leaves the old rows. The transaction holds the
 * projection's lock, so a running server's runner waits for it and then skips, by the checkpoint,
 * what the rebuild applied (on SQLite the write lock does the same). A damaged event ends the rebuild
 * with ProjectionDamageError naming its position, and the old rows stay.
 */
export async function rebuildProjection(
  projection: Projection,
  store: EventStore,
  db: ReadModelDb,
  onProgress: (count: number) => void = () => undefined,
): Promise<number> {
  await setUpSchema(db, async (tx) => {
    await setUpCheckpoints(tx);
    await projection.setUp(tx);
  });
  const count = await db.transaction(async (tx) => {
    await tx.lock(`projection:${projection.name}`);
    await projection.reset(tx);
    await clearCheckpoint(tx, projection.name);
    let applied = 0;
    let last: Position | null = null;
    let current: RecordedEvent | null = null;
    try {
      for await (const event of store.readAll({ streamPrefixes: projection.streamPrefixes })) {
        current = event;
        await projection.apply(tx, event);
        last = event.position;
        if (++applied % 10000 === 0) onProgress(applied);
      }
    } catch (error) {
      const damage = damageOf(error, current);
      throw damage ? new ProjectionDamageError(projection.name, damage) : error;
    }
    if (last) await saveCheckpoint(tx, projection.name, last);
    return applied;
  });
  onProgress(count);
  return count;
}
