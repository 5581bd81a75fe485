import { randomUUID } from 'node:crypto';
import { EventStore, Position, RecordedEvent } from '@identity/event-store';
import { ReadModelDb, ReadModelSql, setUpSchema } from '../db/read-model-db.port';
import { clearCheckpoint, saveCheckpoint, setUpCheckpoints } from './checkpoint-store';
import { applyEvents, BuildingProjection, Projection } from './projection';
import { damageOf, ProjectionDamageError } from './projection-damage';
import { assertRebuildOwned, claimRebuild, endRebuild, recordRebuildProgress, setUpRebuildClaims } from './rebuild-claim';
import { dropTables, rebuildTableName, swapInRebuiltTables } from './rebuilt-tables';
import { withRebuildSettings } from './rebuild-settings';

/** Events applied per transaction while building: each transaction is short, so the live writers are never held up for long. */
export const REBUILD_BATCH = 2000;

export interface RebuildOptions {
  batchSize?: number;
  /** Told when the rebuilt tables are caught up and about to be swapped in. */
  onSwitch?: (events: number) => void;
}

/**
 * Rebuilds a projection from the first event without stopping the live one (issue 13); the steps are
 * those of `rebuildProjections`. Returns the number of its events applied.
 */
export async function rebuildProjection(
  projection: Projection,
  store: EventStore,
  db: ReadModelDb,
  onProgress: (count: number) => void = () => undefined,
  options: RebuildOptions = {},
): Promise<number> {
  const [count] = await rebuildProjections([projection], store, db, onProgress, options);
  return count ?? 0;
}

interface Run {
  projection: Projection;
  /** What the events go to: the projection's buildingInto where it has one, else its writingInto. */
  rebuilt: Projection | BuildingProjection;
  rebuildId: string;
  applied: number;
}

/**
 * Rebuilds projections from the first event without stopping the live ones (issue 13), in one read
 * of `$all` for all of them (each event read and parsed once, whatever the number of read models):
 * 1. their tables are built again under other names (rebuildTableName), in short transactions of
 *    `batchSize` events that hold no projection lock: the live tables keep serving and the running
 *    server's runners keep applying new events to them; each batch goes to each projection (the
 *    events of its streams) through its `applyBatch` (into what its `buildingInto` gives, where it has
 *    one: tables filled from nothing, finished as they are swapped in);
 * 2. passes over the events after the last one applied catch up the tail, until a pass finds less
 *    than a batch;
 * 3. one transaction takes the projections' locks (their runners wait), applies the last events,
 *    swaps the rebuilt tables in and sets the checkpoints: readers see the old rows or the new, never a mix.
 * A rebuild killed or failed at any point leaves the live tables as they were (its rebuilt tables
 * are dropped by the next rebuild, which starts again). A damaged event ends the rebuild with
 * ProjectionDamageError naming its position. `onProgress` is told the events read so far (after each batch); returns
 * the number of events applied to each projection.
 */
export function rebuildProjections(
  projections: readonly Projection[],
  store: EventStore,
  db: ReadModelDb,
  onProgress: (events: number) => void = () => undefined,
  options: RebuildOptions = {},
): Promise<number[]> {
  return withRebuildSettings(db, () => rebuildAll(projections, store, db, onProgress, options));
}

async function rebuildAll(
  projections: readonly Projection[],
  store: EventStore,
  db: ReadModelDb,
  onProgress: (events: number) => void,
  options: RebuildOptions,
): Promise<number[]> {
  const batchSize = options.batchSize ?? REBUILD_BATCH;
  const runs: Run[] = projections.map((projection) => ({
    projection,
    rebuilt: projection.buildingInto?.(rebuildTableName) ?? projection.writingInto(rebuildTableName),
    rebuildId: randomUUID(),
    applied: 0,
  }));
  await setUpSchema(db, async (tx) => {
    await setUpCheckpoints(tx);
    await setUpRebuildClaims(tx);
    for (const { projection, rebuilt, rebuildId } of runs) {
      await projection.setUp(tx);
      await dropTables(tx, rebuilt.tables);
      await rebuilt.setUp(tx);
      await claimRebuild(tx, projection.name, rebuildId);
    }
  });
  const streamPrefixes = runs.some((run) => run.projection.streamPrefixes.length === 0)
    ? undefined
    : [...new Set(runs.flatMap((run) => run.projection.streamPrefixes))];
  let read = 0;
  let last: Position | undefined;
  let current: { run: Run; event: RecordedEvent } | null = null;
  const apply = async (tx: ReadModelSql, events: readonly RecordedEvent[]) => {
    for (const run of runs) {
      const mine = events.filter((event) => ofStreams(run.projection, event));
      await applyEvents(run.rebuilt, tx, mine, (event) => {
        current = { run, event };
      });
      run.applied += mine.length;
    }
  };
  const owned = async (tx: ReadModelSql) => {
    for (const run of runs) await assertRebuildOwned(tx, run.projection.name, run.rebuildId);
  };
  try {
    for (let pass = batchSize; pass >= batchSize;) {
      pass = 0;
      for await (const batch of inBatches(store.readAll({ after: last, streamPrefixes }), batchSize)) {
        const end = batch[batch.length - 1] as RecordedEvent;
        await db.transaction(async (tx) => {
          await owned(tx);
          await apply(tx, batch);
          for (const run of runs) await recordRebuildProgress(tx, run.projection.name, run.applied, end.position);
        });
        read += batch.length;
        onProgress(read);
        pass += batch.length;
        last = end.position;
      }
    }
    options.onSwitch?.(read);
    await db.transaction(async (tx) => {
      for (const run of runs) await tx.lock(`projection:${run.projection.name}`);
      await owned(tx);
      let end = last;
      for await (const batch of inBatches(store.readAll({ after: last, streamPrefixes }), batchSize)) {
        await apply(tx, batch);
        end = (batch[batch.length - 1] as RecordedEvent).position;
        read += batch.length;
      }
      for (const { projection, rebuilt } of runs) {
        await swapInFinished(tx, projection, rebuilt);
        if (end) await saveCheckpoint(tx, projection.name, end);
        else await clearCheckpoint(tx, projection.name);
        await endRebuild(tx, projection.name);
      }
    });
  } catch (error) {
    for (const run of runs) await abandon(db, run.rebuilt, run.rebuildId);
    const failed = current as { run: Run; event: RecordedEvent } | null;
    const damage = damageOf(error, failed?.event ?? null);
    throw damage ? new ProjectionDamageError(failed?.run.projection.name ?? runs.map((r) => r.projection.name).join(', '), damage) : error;
  }
  onProgress(read);
  return runs.map((run) => run.applied);
}

/**
 * Swaps the rebuilt tables in, finishing them where they were built from nothing: after the swap in
 * SQLite (which cannot rename an index: they are built once, under their live names), before it in
 * PostgreSQL (which renames them; the live table, locked from its DROP on, is dropped only then).
 */
async function swapInFinished(tx: ReadModelSql, projection: Projection, rebuilt: Projection | BuildingProjection): Promise<void> {
  const building = 'finishBuilding' in rebuilt ? rebuilt : null;
  if (building && tx.dialect === 'postgres') await building.finishBuilding(tx, rebuilt.tables);
  await swapInRebuiltTables(tx, projection.tables, rebuilt.tables);
  if (building && tx.dialect === 'sqlite') await building.finishBuilding(tx, projection.tables);
}

/** Whether the event belongs to the projection's streams (all streams when it names no prefix). */
function ofStreams(projection: Projection, event: RecordedEvent): boolean {
  const prefixes = projection.streamPrefixes;
  return prefixes.length === 0 || prefixes.some((prefix) => event.streamId.startsWith(prefix));
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
