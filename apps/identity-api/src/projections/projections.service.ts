import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore, positionToString } from '@identity/event-store';
import { READ_MODEL_DB, ReadModelDb } from '@identity/read-models';
import { Projection, PROJECTIONS } from '@identity/read-models';
import { ProjectionDamage, ProjectionFeed, ProjectionRunner } from '@identity/read-models';
import { OwnWrites } from '../infrastructure/own-writes';
import { ReadYourWrites } from './read-your-writes';

/** Runs every projection in the background from the moment the app is up, and stops them on shutdown. */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly runners: Map<string, ProjectionRunner>;
  /** One subscription and one transaction per batch for all of them (projection-feed.ts). */
  private readonly feed: ProjectionFeed;
  /** A person's queries wait here for the read models to show what this process wrote for them. */
  readonly readYourWrites: ReadYourWrites;

  constructor(
    @Inject(PROJECTIONS) projections: Projection[],
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    ownWrites: OwnWrites,
  ) {
    this.runners = new Map(projections.map((p) => [p.name, new ProjectionRunner(p, store, db, this.logger)]));
    this.feed = new ProjectionFeed([...this.runners.values()], store, db, this.logger);
    this.readYourWrites = new ReadYourWrites([...this.runners.values()], ownWrites);
  }

  /**
   * Creates the read-model tables before the first request (so readers never meet a missing table),
   * then starts the feed. A database that is down now is no reason not to start: `/health` says
   * it is down, and each runner sets up and catches up once it answers.
   */
  async onApplicationBootstrap(): Promise<void> {
    try {
      for (const runner of this.runners.values()) await runner.setUp();
    } catch (error) {
      this.logger.error(`read-model tables not set up yet (${(error as Error).name}: ${(error as Error).message}); the projections retry`);
    }
    this.feed.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.feed.stop();
    await this.db.close();
  }

  /** Each read model, the position it has applied up to, and the damaged event it is stopped at (null while it runs). */
  async status(): Promise<{ name: string; checkpoint: string | null; damage: ProjectionDamage | null }[]> {
    return Promise.all(
      [...this.runners.values()].map(async (runner) => {
        const checkpoint = await runner.checkpoint();
        return { name: runner.projection.name, checkpoint: checkpoint ? positionToString(checkpoint) : null, damage: runner.damage };
      }),
    );
  }

  /** Whether a read model is stopped at a damaged event (cheap: no database read). */
  anyDamaged(): boolean {
    return [...this.runners.values()].some((runner) => runner.damage !== null);
  }
}
