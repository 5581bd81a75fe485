import { Inject } from '@nestjs/common';
import { Context, Query, Resolver } from '@nestjs/graphql';
import { EVENT_STORE, EventStore } from '@identity/event-store';
import { RequestContext } from '../../auth/principal';
import { WebhookDeliveryService } from '../delivery/webhook-delivery.service';
import { requireWebhookManager } from '../webhook-manager';
import { WebhookModel } from '../webhook.model';
import { WebhookRegistry } from '../webhook-registry';

@Resolver()
export class ListWebhooksResolver {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly delivery: WebhookDeliveryService,
  ) {}

  @Query(() => [WebhookModel], {
    description: "Integrator: its own webhooks; admin: all. With each one's delivery state; never the secret.",
  })
  async webhooks(@Context() context: RequestContext): Promise<WebhookModel[]> {
    const by = requireWebhookManager(context);
    // Read from the streams, not from a projection: a webhook just created is listed at once.
    const registry = await WebhookRegistry.read(this.store);
    const deliveries = await this.delivery.deliveryStates();
    return registry
      .list()
      .filter((webhook) => by.role === 'admin' || webhook.ownerKeyId === by.keyId)
      .map((webhook) => WebhookModel.of(webhook, deliveries.get(webhook.webhookId) ?? null));
  }
}
