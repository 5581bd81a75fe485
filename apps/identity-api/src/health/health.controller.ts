import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type Database from 'better-sqlite3';
import { EVENT_STORE, EventStore } from '@identity/event-store';
import { ProjectionsService } from '../projections/projections.service';
import { READ_MODEL_DB } from '../projections/read-model-database';

interface Dependency { name: string; up: boolean; detail?: string }

/** `GET /health`: 200 when the event store and the read models answer, 503 naming what is down. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: Database.Database,
    private readonly projections: ProjectionsService,
  ) {}

  @Get()
  async health(@Res() response: Response): Promise<void> {
    const dependencies: Dependency[] = [await this.eventStore(), this.readModels()];
    const up = dependencies.every((d) => d.up);
    response.status(up ? 200 : 503).json({
      status: up ? 'up' : 'down',
      dependencies,
      projections: up ? this.projections.status() : undefined,
    });
  }

  private async eventStore(): Promise<Dependency> {
    try {
      const health = await this.store.health();
      return { name: `event-store (${health.name})`, up: health.up, detail: health.detail };
    } catch (error) {
      return { name: 'event-store', up: false, detail: (error as Error).name };
    }
  }

  private readModels(): Dependency {
    try {
      this.db.prepare('SELECT 1').get();
      return { name: 'read-models (sqlite)', up: true };
    } catch (error) {
      return { name: 'read-models (sqlite)', up: false, detail: (error as Error).name };
    }
  }
}
