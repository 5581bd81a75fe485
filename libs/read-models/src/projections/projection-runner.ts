import { comparePositions, EventStore, Position, positionFromString, RecordedEvent } from '@identity/event-store';
import { ReadModelDb, ReadModelTransaction, setUpSchema } from '../db/read-model-db.port';
import { loadCheckpoint, saveCheckpoint, setUpCheckpoints } from './checkpoint-store';
import { applyEvents, Projection } from './projection';
import { readyBatches } from './ready-batches';
import { takesStream } from './projection-streams';
import { damageOf, ProjectionDamage } from './projection-damage';

/** A damaged event is retried this seldom: only a repair of the store can change the answer. */
const DAMAGE_RETRY_MS = 30_000;
/** At most this many events ready together are applied in one transaction. */
export const MAX_BATCH = 500;

export interface RunnerLogger {
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Feeds one projection from a catch-up subscription that starts at its stored checkpoint. The events
 * ready together (one at a time when idle, up to 500 under load or while catching up) are applied
 * and the checkpoint saved in one transaction, which first takes the projection's lock
 * and re-reads the checkpoint, so an event at or before it (a redelivery, a rebuild by the CLI, or
 * another process projecting into the same PostgreSQL database) is skipped. When the subscription
 * fails or ends by itself, or the database is unreachable, it starts again from the checkpoint with backoff.
 * An event that is itself damaged (unreadable, or refused by its decoder) stops this read model there:
 * `damage` names it (for /health), it is logged once, and it is tried again only every 30 s, so a
 * repaired store resumes by itself.
 */
export class ProjectionRunner {
  private running = false;
  private subscription: { close(): Promise<void> } | null = null;
  private loop: Promise<void> | null = null;
  private listeners = new Set<(position: Position) => void>();
  private wake: (() => void) | null = null;
  private tables: Promise<void> | null = null;
  private damaged: ProjectionDamage | null = null;

  constructor(
    readonly projection: Projection,
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    private readonly logger: RunnerLogger,
    private readonly backoff = { initialMs: 100, maxMs: 5000, damageRetryMs: DAMAGE_RETRY_MS },
  ) {}

  /** The damaged event this read model is stopped at, or null while it runs. */
  get damage(): ProjectionDamage | null {
    return this.damaged;
  }

  /** Creates the projection's tables and the checkpoint table, once (again after a failure). */
  setUp(): Promise<void> {
    this.tables ??= setUpSchema(this.db, async (tx) => {
      await setUpCheckpoints(tx);
      await this.projection.setUp(tx);
    }).catch((error: unknown) => {
      this.tables = null;
      throw error;
    });
    return this.tables;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.subscription?.close();
    await this.loop;
  }

  async checkpoint(): Promise<Position | undefined> {
    await this.setUp();
    return loadCheckpoint(this.db, this.projection.name);
  }

  onProgress(listener: (position: Position) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies one event unless the checkpoint already covers it. Returns whether it was applied. */
  async applyOne(event: RecordedEvent): Promise<boolean> {
    return (await this.applyBatch([event])) > 0;
  }

  /**
   * Applies the events the checkpoint does not cover yet, and moves the checkpoint past the last (or
   * to `upTo`, a later position: the read model has nothing else before it), in one transaction (one
   * commit for a burst of appends). Returns how many were applied.
   */
  async applyBatch(events: readonly RecordedEvent[], upTo?: Position): Promise<number> {
    const end = upTo ?? events.at(-1)?.position;
    if (!end) return 0;
    await this.setUp();
    const applied = await this.db.transaction((tx) => this.applyWithin(tx, events, end));
    this.progressed(end);
    return applied;
  }

  /**
   * `applyBatch`'s work inside the caller's transaction (the shared feed's, one for several read
   * models): takes the projection's lock, re-reads its checkpoint, applies the events after it and
   * saves `end` as the checkpoint unless it is already there or past it. The caller then calls `progressed`.
   */
  async applyWithin(tx: ReadModelTransaction, events: readonly RecordedEvent[], end: Position): Promise<number> {
    const name = this.projection.name;
    await tx.lock(`projection:${name}`);
    const done = await loadCheckpoint(tx, name);
    const fresh = done ? events.filter((event) => comparePositions(event.position, done) > 0) : events;
    if (fresh.length > 0) await applyEvents(this.projection, tx, fresh);
    if (!done || comparePositions(end, done) > 0) await saveCheckpoint(tx, name, end);
    return fresh.length;
  }

  /** Tells the progress listeners that the read model shows everything of its streams up to `position`. */
  progressed(position: Position): void {
    if (this.damaged && comparePositions(position, positionFromString(this.damaged.position)) >= 0) this.resumed();
    for (const listener of this.listeners) listener(position);
  }

  /** Whether the event is of this read model's streams. */
  takes(event: { streamId: string }): boolean {
    return takesStream(this.projection, event);
  }

  /**
   * `applyReady` for the shared feed, after its transaction for all read models failed: this read
   * model's events on their own. Returns the damaged event it stopped at (the ones before it are
   * kept), or null; other errors (the database) are thrown.
   */
  async applyReadyOrDamage(batch: readonly RecordedEvent[], upTo: Position): Promise<ProjectionDamage | null> {
    let current: RecordedEvent | null = null;
    try {
      await this.applyReady(batch, (event) => (current = event), upTo);
      return null;
    } catch (error) {
      const damage = damageOf(error, current);
      if (!damage) throw error;
      return damage;
    }
  }

  /**
   * A batch in one transaction; when that fails, its events one at a time, so that a damaged event
   * is named (`onEvent` is told which one is being applied) and the ones before it are kept.
   */
  private async applyReady(batch: readonly RecordedEvent[], onEvent: (event: RecordedEvent) => void, upTo?: Position): Promise<void> {
    if (batch.length > 1 || upTo) {
      try {
        await this.applyBatch(batch, upTo);
        return;
      } catch {
        // told apart below, one event at a time
      }
    }
    for (const event of batch) {
      onEvent(event);
      await this.applyOne(event);
    }
    if (upTo) await this.applyBatch([], upTo);
  }

  private async run(): Promise<void> {
    let delay = this.backoff.initialMs;
    while (this.running) {
      try {
        const after = await this.checkpoint();
        if (!this.running) break;
        const subscription = this.store.subscribeToAll({ after, streamPrefixes: this.projection.streamPrefixes });
        this.subscription = subscription;
        let current: RecordedEvent | null = null;
        try {
          for await (const batch of readyBatches(subscription, MAX_BATCH)) {
            current = null;
            await this.applyReady(batch, (event) => {
              current = event;
            });
            this.resumed();
            delay = this.backoff.initialMs;
          }
        } catch (error) {
          const damage = damageOf(error, current);
          if (!damage) throw error;
          delay = this.stoppedAt(damage);
        } finally {
          await subscription.close();
        }
        if (this.running && !this.damaged)
          this.logger.warn(`projection ${this.projection.name}: subscription ended; resubscribing from checkpoint`);
      } catch (error) {
        if (this.running) {
          this.logger.error(
            `projection ${this.projection.name}: subscription failed (${describeError(error)}); resubscribing in ${delay} ms`,
          );
        }
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay + Math.floor(Math.random() * delay * 0.2));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (!this.damaged) delay = Math.min(delay * 2, this.backoff.maxMs);
    }
  }

  /** Stops at a damaged event (logged the first time it is met); the delay before it is tried again. */
  private stoppedAt(damage: ProjectionDamage): number {
    if (this.damaged?.position !== damage.position) {
      this.logger.error(
        `projection ${this.projection.name}: stopped at the damaged event at position ${damage.position} (${damage.streamId}@${damage.revision}): ${damage.detail}; other read models keep running; repair the store (audit verify names the damage), then it resumes`,
      );
    }
    this.damaged = damage;
    return this.backoff.damageRetryMs;
  }

  private resumed(): void {
    if (!this.damaged) return;
    this.logger.warn(`projection ${this.projection.name}: the event at position ${this.damaged.position} reads again; resumed`);
    this.damaged = null;
  }
}

/** An error as the runners' log lines name it: its class and message. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
