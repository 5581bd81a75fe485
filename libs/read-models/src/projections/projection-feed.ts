import { EventStore, Position, RecordedEvent } from '@identity/event-store';
import { ReadModelDb } from '../db/read-model-db.port';
import { describeError, MAX_BATCH, ProjectionRunner, RunnerLogger } from './projection-runner';
import { compareCheckpoints, streamsOf } from './projection-streams';
import { damageOf } from './projection-damage';
import { readyBatches } from './ready-batches';

/**
 * Feeds the read models of one process from one catch-up subscription (the union of their streams):
 * each event is read and decoded once, and each ready batch goes to every read model of the group in
 * one transaction (one commit), where each still takes its lock, re-reads its checkpoint (a rebuild
 * by the CLI, or another process, may have moved it) and applies the events of its streams after it.
 * Every member's checkpoint is moved to the batch's last event, so the members stay at one checkpoint.
 *
 * A read model not at the group's checkpoint when the feed starts (behind, or new), or that meets a
 * damaged event, runs on its own (its ProjectionRunner, with its damage handling) and joins the group
 * again once it has applied up to the group's position (it then has no gap). A subscription or
 * database failure restarts the subscription from the members' checkpoints with backoff.
 */
export class ProjectionFeed {
  private running = false;
  private loop: Promise<void> | null = null;
  private subscription: { close(): Promise<void> } | null = null;
  private members: ProjectionRunner[] = [];
  private readonly alone = new Set<ProjectionRunner>();
  /** The position the group has applied up to (undefined: none yet). */
  private cursor: Position | undefined;
  /** Batches and joins run one at a time. */
  private turn: Promise<unknown> = Promise.resolve();
  private wake: (() => void) | null = null;

  constructor(
    private readonly runners: readonly ProjectionRunner[],
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    private readonly logger: RunnerLogger,
    private readonly backoff = { initialMs: 100, maxMs: 5000 },
  ) {
    for (const runner of runners) {
      runner.onProgress((position) => {
        if (this.alone.has(runner) && runner.damage === null && this.reached(position)) void this.exclusive(() => this.join(runner));
      });
    }
  }

  /** The read models running on their own now (behind, or stopped at a damaged event). */
  get runningAlone(): readonly ProjectionRunner[] {
    return [...this.alone];
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
    await this.turn;
    await Promise.all([...this.alone].map((runner) => runner.stop()));
  }

  private async run(): Promise<void> {
    let delay = this.backoff.initialMs;
    try {
      await this.formGroup();
    } catch (error) {
      this.logger.error(`projections: checkpoints not read (${describeError(error)}); each read model runs on its own`);
      for (const runner of this.runners) this.runAlone(runner);
    }
    while (this.running) {
      const group = [...this.members];
      if (group.length > 0) {
        try {
          const after = await this.groupCheckpoint(group);
          if (!this.running) break;
          const subscription = this.store.subscribeToAll({ after, streamPrefixes: streamsOf(group.map((runner) => runner.projection)) });
          this.subscription = subscription;
          try {
            // A read model that joined while the checkpoint was read found no subscription to close.
            if (!sameMembers(group, this.members)) continue;
            for await (const batch of readyBatches(subscription, MAX_BATCH)) {
              await this.exclusive(() => this.applyToGroup(group, batch));
              delay = this.backoff.initialMs;
            }
          } catch (error) {
            if (!this.leaveOnDamage(error, group)) throw error;
            continue; // the others go on at once, without the damaged stream
          } finally {
            await subscription.close();
          }
          if (this.running && sameMembers(group, this.members))
            this.logger.warn('projections: subscription ended; resubscribing from checkpoint');
          else continue; // a read model joined or left: resubscribe for the new group at once
        } catch (error) {
          if (this.running) this.logger.error(`projections: subscription failed (${describeError(error)}); resubscribing in ${delay} ms`);
        }
      }
      if (!this.running) break;
      await this.pause(group.length > 0 ? delay + Math.floor(Math.random() * delay * 0.2) : undefined);
      if (group.length > 0) delay = Math.min(delay * 2, this.backoff.maxMs);
    }
  }

  /** The group: the read models at the newest checkpoint; the others catch up on their own. */
  private async formGroup(): Promise<void> {
    const checkpoints = await Promise.all(this.runners.map((runner) => runner.checkpoint()));
    const newest = checkpoints.reduce<Position | undefined>((a, b) => (compareCheckpoints(b, a) > 0 ? b : a), undefined);
    this.cursor = newest;
    this.runners.forEach((runner, i) => {
      if (compareCheckpoints(checkpoints[i], newest) === 0) this.members.push(runner);
      else this.runAlone(runner);
    });
  }

  private async groupCheckpoint(group: readonly ProjectionRunner[]): Promise<Position | undefined> {
    const checkpoints = await Promise.all(group.map((runner) => runner.checkpoint()));
    return checkpoints.reduce((a, b) => (compareCheckpoints(b, a) < 0 ? b : a));
  }

  /** `subscribed`: the members when the subscription started (one that joined since may take streams it did not read). */
  private async applyToGroup(subscribed: readonly ProjectionRunner[], batch: readonly RecordedEvent[]): Promise<void> {
    const end = (batch.at(-1) as RecordedEvent).position;
    const group = subscribed.filter((runner) => this.members.includes(runner));
    try {
      await this.db.transaction(async (tx) => {
        for (const runner of group)
          await runner.applyWithin(
            tx,
            batch.filter((event) => runner.takes(event)),
            end,
          );
      });
    } catch {
      // One read model refused an event, or the database failed: each on its own tells which.
      for (const runner of group) {
        const damage = await runner.applyReadyOrDamage(
          batch.filter((event) => runner.takes(event)),
          end,
        );
        if (damage) this.runAlone(runner);
      }
    }
    this.cursor = end;
    for (const runner of group) if (this.members.includes(runner)) runner.progressed(end);
  }

  /** A damaged event read by the group's subscription: the read models of its stream leave the group. */
  private leaveOnDamage(error: unknown, group: readonly ProjectionRunner[]): boolean {
    const damage = damageOf(error, null);
    if (!damage || !this.running) return false;
    const hit = group.filter((runner) => runner.takes(damage));
    for (const runner of hit) this.runAlone(runner);
    return hit.length > 0;
  }

  private runAlone(runner: ProjectionRunner): void {
    this.members = this.members.filter((member) => member !== runner);
    this.alone.add(runner);
    if (this.running) runner.start();
  }

  /** A read model on its own that has caught up with the group joins it (the feed then resubscribes). */
  private async join(runner: ProjectionRunner): Promise<void> {
    if (!this.running || !this.alone.has(runner)) return;
    await runner.stop();
    const checkpoint = await runner.checkpoint().catch(() => undefined);
    if (!this.running) return;
    if (runner.damage !== null || !this.reached(checkpoint)) {
      runner.start();
      return;
    }
    this.alone.delete(runner);
    this.members = this.runners.filter((member) => member === runner || this.members.includes(member));
    this.wake?.();
    void this.subscription?.close();
  }

  private reached(position: Position | undefined): boolean {
    return compareCheckpoints(position, this.cursor) >= 0;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work, work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  /** Waits `ms` (undefined: until a read model joins) or until stopped. */
  private pause(ms: number | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}

function sameMembers(a: readonly ProjectionRunner[], b: readonly ProjectionRunner[]): boolean {
  return a.length === b.length && a.every((runner) => b.includes(runner));
}
