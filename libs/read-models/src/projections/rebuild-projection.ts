import { randomUUID } from 'node:crypto';
import { EventStore, Position, RecordedEvent } from '@identity/event-store';
import { ReadModelDb, ReadModelSql, setUpSchema } from '../db/read-model-db.port';
import { clearCheckpoint, saveCheckpoint, setUpCheckpoints } from './checkpoint-store';
import { Projection } from './projection';
import { damageOf, ProjectionDamageError } from './projection-damage';
import { assertRebuildOwned, claimRebuild, endRebuild, recordRebuildProgress, setUpRebuildClaims } from './rebuild-claim';
import { dropTables, rebuildTableName, swapInRebuiltTables } from './rebuilt-tables';

/** Events applied per transaction while building: each transaction is short, so the live writers are never held up for long. */
export const REBUILD_BATCH = 500;
const PROGRESS_EVERY = 10_000;

export interface RebuildOptions {
  batchSize?: number;
  /** Told when the rebuilt tables are caught up and about to be swapped in. */
  onSwitch?: (events: number) => void;
}

/**
 * Rebuilds a projection from the first event without stopping the live one (issue 13):
 * 1. its tables are built again under other names (rebuildTableName), in short transactions of
 *    `batchSize` events that hold no projection lock: the live tables keep serving and the running
 *    server's runner keeps applying new events to them;
 * 2. passes over the events after the last one applied catch up the tail, until a pass finds less
 *    than a batch;
 * 3. one transaction takes the projection's lock (the runner waits), applies the last events, swaps
 *    the rebuilt tables in and sets the checkpoint: readers see the old rows or the new, never a mix.
 * A rebuild killed or failed at any point leaves the live tables as they were (its rebuilt tables
 * are dropped by the next rebuild, which starts again). A damaged event ends the rebuild with
 * ProjectionDamageError naming its position. Returns the number of events applied.
 */
export async function rebuildProjection(
  projection: Projection,
  store: EventStore,
  db: ReadModelDb,
  onProgress: (count: number) => void = () => undefined,
  options: RebuildOptions = {},
): Promise<number> {
  const batchSize = options.batchSize ?? REBUILD_BATCH;
  const rebuilt = projection.writingInto(rebuildTableName);
  const rebuildId = randomUUID();
  const name = projection.name;
  await setUpSchema(db, async (tx) => {
    await setUpCheckpoints(tx);
    await setUpRebuildClaims(tx);
    await projection.setUp(tx);
    await dropTables(tx, rebuilt.tables);
    await rebuilt.setUp(tx);
    await claimRebuild(tx, name, rebuildId);
  });
  let applied = 0;
  let last: Position | undefined;
  let current: RecordedEvent | null = null;
  const apply = async (tx: ReadModelSql, events: readonly RecordedEvent[]) => {
    for (const event of events) {
      current = event;
      await rebuilt.apply(tx, event);
    }
  };
  try {
    for (let pass = batchSize; pass >= batchSize;) {
      pass = 0;
      for await (const batch of inBatches(store.readAll({ after: last, streamPrefixes: projection.streamPrefixes }), batchSize)) {
        const end = batch[batch.length - 1] as RecordedEvent;
        await db.transaction(async (tx) => {
          await assertRebuildOwned(tx, name, rebuildId);
          await apply(tx, batch);
          await recordRebuildProgress(tx, name, applied + batch.length, end.position);
        });
        if (Math.floor((applied + batch.length) / PROGRESS_EVERY) > Math.floor(applied / PROGRESS_EVERY))
          onProgress(applied + batch.length);
        applied += batch.length;
        pass += batch.length;
        last = end.position;
      }
    }
    options.onSwitch?.(applied);
    applied = await db.transaction(async (tx) => {
      await tx.lock(`projection:${name}`);
      await assertRebuildOwned(tx, name, rebuildId);
      let total = applied;
      let end = last;
      for await (const event of store.readAll({ after: last, streamPrefixes: projection.streamPrefixes })) {
        await apply(tx, [event]);
        end = event.position;
        total += 1;
      }
      await swapInRebuiltTables(tx, projection.tables, rebuilt.tables);
      if (end) await saveCheckpoint(tx, name, end);
      else await clearCheckpoint(tx, name);
      await endRebuild(tx, name);
      return total;
    });
  } catch (error) {
    await abandon(db, rebuilt, rebuildId);
    const damage = damageOf(error, current);
    throw damage ? new ProjectionDamageError(name, damage) : error;
  }
  onProgress(applied);
  return applied;
}

/** After a failure, drops the rebuilt tables unless another rebuild owns them now (best effort: the next rebuild drops them anyway). */
async function abandon(db: ReadModelDb, rebuilt: Projection, rebuildId: string): Promise<void> {
  await db
    .transaction(async (tx) => {
      await assertRebuildOwned(tx, rebuilt.name, rebuildId);
      await dropTables(tx, rebuilt.tables);
      await endRebuild(tx, rebuilt.name);
    })
    .catch(() => undefined);
}

/** The events of `source` in arrays of up to `size`, read before the transaction that applies them. */
async function* inBatches(source: AsyncIterable<RecordedEvent>, size: number): AsyncGenerator<RecordedEvent[]> {
  let batch: RecordedEvent[] = [];
  for await (const event of source) {
    batch.push(event);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
