import { RecordedEvent } from '@identity/event-store';
import { ReadModelSql } from '../db/read-model-db.port';

/**
 * A read model fed from the event store. Its name carries a version (`account_security.v3`): a new
 * version is a new table and a rebuild. `apply` runs inside the runner's transaction, together with
 * the checkpoint, and must be idempotent per event (the same event twice gives the same rows).
 */
export interface Projection {
  readonly name: string;
  /** Only events of streams with these prefixes are delivered (a server-side filter where the store has one). */
  readonly streamPrefixes: readonly string[];
  /** Creates the tables if they do not exist. */
  setUp(db: ReadModelSql): Promise<void>;
  /** Empties the tables, for a rebuild from zero. */
  reset(db: ReadModelSql): Promise<void>;
  apply(db: ReadModelSql, event: RecordedEvent): Promise<void>;
  /**
   * The same as `apply` of each event in turn, in fewer statements (a row read and written once per
   * batch, not once per event). Optional: `applyEvents` falls back to `apply`.
   */
  applyBatch?(db: ReadModelSql, events: readonly RecordedEvent[]): Promise<void>;
}

/** Applies events in order, through `applyBatch` where the projection has one. */
export async function applyEvents(projection: Projection, db: ReadModelSql, events: readonly RecordedEvent[]): Promise<void> {
  if (projection.applyBatch) await projection.applyBatch(db, events);
  else for (const event of events) await projection.apply(db, event);
}

export const PROJECTIONS = Symbol('PROJECTIONS');
