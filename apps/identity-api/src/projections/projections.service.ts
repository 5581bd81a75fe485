import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { EVENT_STORE, EventStore, Position, positionToString } from '@identity/event-store';
import { CheckpointStore } from './checkpoint-store';
import { Projection, PROJECTIONS } from './projection';
import { waitForProjection } from './projection-progress';
import { ProjectionRunner } from './projection-runner';
import { READ_MODEL_DB } from './read-model-database';

/** Runs every projection in the background from the moment the app is up, and stops them on shutdown. */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly runners: Map<string, ProjectionRunner>;

  constructor(
    @Inject(PROJECTIONS) projections: Projection[],
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
  ) {
    const checkpoints = new CheckpointStore(db);
    this.runners = new Map(projections.map((p) => [p.name, new ProjectionRunner(p, store, db, checkpoints, this.logger)]));
  }

  onApplicationBootstrap(): void {
    for (const runner of this.runners.values()) runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.runners.values()].map((runner) => runner.stop()));
    this.db.close();
  }

  async waitFor(projection: string, position: Position, timeoutMs = 5000): Promise<void> {
    const reached = await waitForProjection(this.runner(projection), position, timeoutMs);
    if (!reached) this.logger.warn(`${projection} has not reached ${positionToString(position)} after ${timeoutMs} ms`);
  }

  /** Each read model and the position it has applied up to. */
  status(): { name: string; checkpoint: string | null }[] {
    return [...this.runners.values()].map((runner) => {
      const checkpoint = runner.checkpoint();
      return { name: runner.projection.name, checkpoint: checkpoint ? positionToString(checkpoint) : null };
    });
  }

  private runner(name: string): ProjectionRunner {
    const runner = this.runners.get(name);
    if (!runner) throw new Error(`no projection ${name}`);
    return runner;
  }
}
