import type Database from 'better-sqlite3';
import { comparePositions, EventStore, Position, RecordedEvent } from '@identity/event-store';
import { CheckpointStore } from './checkpoint-store';
import { Projection } from './projection';

export interface RunnerLogger { warn(message: string): void; error(message: string): void }

/**
 * Feeds one projection from a catch-up subscription that starts at its stored checkpoint. Each event
 * is applied and the checkpoint saved in one transaction, after re-reading the checkpoint inside it,
 * so an event at or before the checkpoint (a redelivery, or a rebuild by the CLI) is skipped. When the
 * subscription fails or ends by itself, it resubscribes from the checkpoint with backoff.
 */
export class ProjectionRunner {
  private running = false;
  private subscription: { close(): Promise<void> } | null = null;
  private loop: Promise<void> | null = null;
  private listeners = new Set<(position: Position) => void>();
  private wake: (() => void) | null = null;

  constructor(
    readonly projection: Projection,
    private readonly store: EventStore,
    private readonly db: Database.Database,
    private readonly checkpoints: CheckpointStore,
    private readonly logger: RunnerLogger,
    private readonly backoff = { initialMs: 100, maxMs: 5000 },
  ) {
    projection.setUp(db);
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

  checkpoint(): Position | undefined {
    return this.checkpoints.load(this.projection.name);
  }

  onProgress(listener: (position: Position) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies one event unless the checkpoint already covers it. Returns whether it was applied. */
  applyOne(event: RecordedEvent): boolean {
    const name = this.projection.name;
    const applied = this.db.transaction(() => {
      const done = this.checkpoints.load(name);
      if (done && comparePositions(event.position, done) <= 0) return false;
      this.projection.apply(this.db, event);
      this.checkpoints.save(name, event.position);
      return true;
    })();
    for (const listener of this.listeners) listener(event.position);
    return applied;
  }

  private async run(): Promise<void> {
    let delay = this.backoff.initialMs;
    while (this.running) {
      const subscription = this.store.subscribeToAll({ after: this.checkpoint(), streamPrefixes: this.projection.streamPrefixes });
      this.subscription = subscription;
      try {
        for await (const event of subscription) {
          this.applyOne(event);
          delay = this.backoff.initialMs;
        }
        if (this.running) this.logger.warn(`projection ${this.projection.name}: subscription ended; resubscribing from checkpoint`);
      } catch (error) {
        if (this.running) {
          this.logger.error(`projection ${this.projection.name}: subscription failed (${describe(error)}); resubscribing in ${delay} ms`);
        }
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay + Math.floor(Math.random() * delay * 0.2));
        this.wake = () => { clearTimeout(timer); resolve(); };
      });
      delay = Math.min(delay * 2, this.backoff.maxMs);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
