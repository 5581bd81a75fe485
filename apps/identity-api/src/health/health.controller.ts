import { Controller, Get, Inject, Optional, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EVENT_STORE, EventStore } from '@identity/event-store';
import { Authenticator } from '../auth/authenticator.service';
import { apiKeyHeader } from '../auth/request-meta';
import { ProjectionsService } from '../projections/projections.service';
import { READ_MODEL_DB, ReadModelDb } from '@identity/read-models';
import { IntegrityAlarms } from '../infrastructure/integrity-alarms';
import { RoutingCodeSender } from '../delivery/routing-code-sender';

interface Dependency {
  name: string;
  up: boolean;
  detail?: string;
}

/**
 * `GET /health`: 200 when the event store and the read models answer, 503 when one is down. Anyone
 * learns only `up`, `degraded` (serving, but a stream failed its hash chain and is refused, a read
 * model is stopped at a damaged event, or the SMS or email provider is down) or `down`; an admin API key (X-Api-Key) also gets each
 * dependency, the damaged streams and the projections' checkpoints and damage, which describe the
 * store and should not be public.
 */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: ReadModelDb,
    private readonly projections: ProjectionsService,
    private readonly authenticator: Authenticator,
    private readonly alarms: IntegrityAlarms,
    @Optional() private readonly delivery?: RoutingCodeSender,
  ) {}

  @Get()
  async health(@Req() request: FastifyRequest, @Res() response: FastifyReply): Promise<void> {
    const dependencies: Dependency[] = await Promise.all([this.eventStore(), this.readModels()]);
    const up = dependencies.every((d) => d.up);
    const integrity = this.alarms.list();
    // A provider that cannot deliver codes degrades the service without taking it out of rotation:
    // every instance shares the provider, and logons by TOTP, password and recovery code still work.
    const delivery = this.delivery?.health() ?? [];
    const degraded = integrity.length > 0 || this.projections.anyDamaged() || delivery.some((d) => !d.up);
    const status = !up ? 'down' : degraded ? 'degraded' : 'up';
    if (!(await this.isAdmin(request))) {
      await response.status(up ? 200 : 503).send({ status });
      return;
    }
    await response.status(up ? 200 : 503).send({
      status,
      dependencies: [...dependencies, ...delivery],
      integrity,
      // The checkpoints are read after the probe: a database lost in between leaves them out rather than failing the answer.
      projections: up ? await this.projections.status().catch(() => undefined) : undefined,
    });
  }

  private async isAdmin(request: FastifyRequest): Promise<boolean> {
    const apiKey = apiKeyHeader(request.headers);
    if (!apiKey) return false;
    const principal = await this.authenticator.authenticate({ bearer: null, apiKey }).catch(() => null);
    return principal?.kind === 'machine' && principal.role === 'admin';
  }

  private async eventStore(): Promise<Dependency> {
    try {
      const health = await this.store.health();
      return { name: `event-store (${health.name})`, up: health.up, detail: health.detail };
    } catch (error) {
      return { name: 'event-store', up: false, detail: (error as Error).name };
    }
  }

  /** `read-models (postgres)` or `read-models (sqlite)`: down when a trivial query fails or takes more than 3 s. */
  private async readModels(): Promise<Dependency> {
    const name = `read-models (${this.db.dialect})`;
    const health = await this.db.health();
    return health.up ? { name, up: true } : { name, up: false, detail: health.detail };
  }
}
