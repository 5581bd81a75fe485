import { RecordedEvent } from '@identity/event-store';
import { ReadModelSql } from '../db/read-model-db.port';

/**
 * A read model fed from the event store. Its name carries a version (`account_security.v3`): a new
 * version is a new table and a rebuild. `apply` runs inside the runner's transaction, together with
 * the checkpoint, and must be idempotent per event (the same event twice gives the same rows).
 * `projections rebuild` builds a copy of its `tables` under other names (`writingInto`) while the
 * live ones serve, then swaps them in (rebuild-projection.ts).
 */
export interface Projection {
  readonly name: string;
  /** Only events of streams with these prefixes are delivered (a server-side filter where the store has one). */
  readonly streamPrefixes: readonly string[];
  /** The tables it owns and writes; a rebuild replaces each of them as a whole. */
  readonly tables: readonly string[];
  /** The same read model, writing into its tables renamed by `rename` (a rebuild's tables). */
  writingInto(rename: (table: string) => string): Projection;
  /** Creates the tables (and their indexes, named after the table) if they do not exist. */
  setUp(db: ReadModelSql): Promise<void>;
  apply(db: ReadModelSql, event: RecordedEvent): Promise<void>;
  /**
   * The same as `apply` of each event in turn, in fewer statements (a row read and written once per
   * batch, not once per event). `onEvent` is told of each event as its turn comes (so that a damaged
   * one can be named). Optional: `applyEvents` falls back to `apply`.
   */
  applyBatch?(db: ReadModelSql, events: readonly RecordedEvent[], onEvent?: (event: RecordedEvent) => void): Promise<void>;
  /**
   * Optional: the same read model filling its renamed tables from nothing, for a rebuild, faster than
   * `writingInto`'s copy (for example without indexes until `finishBuilding`, when building them from
   * the rows in one sorted pass costs a fraction of updating them row by row). The rebuild applies to
   * it every event read in order, each once, then calls `finishBuilding` as it swaps the tables in.
   */
  buildingInto?(rename: (table: string) => string): BuildingProjection;
}

/** A projection filling tables from nothing (Projection.buildingInto). */
export interface BuildingProjection extends Projection {
  /**
   * Makes the tables what `setUp` and `apply` would have made them (their indexes, deferred work).
   * `tables`: the names they have now, in the order of `tables` (the live names once swapped in).
   */
  finishBuilding(db: ReadModelSql, tables?: readonly string[]): Promise<void>;
}

/** Applies events in order, through `applyBatch` where the projection has one. */
export async function applyEvents(
  projection: Projection,
  db: ReadModelSql,
  events: readonly RecordedEvent[],
  onEvent: (event: RecordedEvent) => void = () => undefined,
): Promise<void> {
  if (projection.applyBatch) await projection.applyBatch(db, events, onEvent);
  else
    for (const event of events) {
      onEvent(event);
      await projection.apply(db, event);
    }
}

export const PROJECTIONS = Symbol('PROJECTIONS');
