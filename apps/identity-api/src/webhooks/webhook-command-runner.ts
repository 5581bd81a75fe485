import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Instant, webhookDecider, WebhookCommand, WebhookEvent, WebhookState, webhookStream } from '@identity/domain';
import { EVENT_STORE, EventStore, handleCommand, Position } from '@identity/event-store';
import { actorOf, RequestContext } from '../auth/principal';
import { CLOCK, Clock } from '../infrastructure/clock';
import { recordAcknowledgedWrite } from '../infrastructure/acknowledged-writes';

export interface WebhookWrite {
  state: WebhookState;
  events: WebhookEvent[];
  position: Position | null;
}

/** The delivery worker's own actor in event metadata. */
export const DELIVERY_ACTOR = 'webhook-delivery';

/** Runs one command against `webhook-<id>`: read, fold, decide, append with the expected revision. */
@Injectable()
export class WebhookCommandRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * `context` null: the service itself (the delivery worker). The append is recorded for the mutation
   * it serves (see AccountCommandRunner's `retrySafe`, which means the same here).
   */
  async run(
    webhookId: string,
    context: RequestContext | null,
    build: (state: WebhookState, now: Instant) => WebhookCommand,
    options: { retrySafe?: boolean } = {},
  ): Promise<WebhookWrite> {
    const result = await handleCommand(
      this.store,
      webhookStream(webhookId),
      webhookDecider,
      (state: WebhookState) => build(state, this.clock.now().toISOString()),
      context
        ? {
            correlationId: context.meta.correlationId,
            causationId: null,
            actor: actorOf(context.principal),
            ip: context.meta.ip,
            userAgent: context.meta.userAgent,
          }
        : { correlationId: randomUUID(), causationId: null, actor: DELIVERY_ACTOR, ip: null, userAgent: null },
    );
    if (!options.retrySafe) recordAcknowledgedWrite(webhookStream(webhookId), result.eventIds, result.position);
    return { state: result.state, events: result.newEvents, position: result.position };
  }
}
