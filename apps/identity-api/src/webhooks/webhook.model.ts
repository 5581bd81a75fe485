import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { positionToString } from '@identity/event-store';
import { WebhookState } from '@identity/domain';
import { DeliveryRow } from './delivery/webhook-delivery.store';

export enum WebhookStateEnum {
  ACTIVE = 'ACTIVE',
  FAILING = 'FAILING',
}
registerEnumType(WebhookStateEnum, {
  name: 'WebhookState',
  description: 'ACTIVE: delivering. FAILING: paused after failures until resumeWebhook; nothing is skipped meanwhile.',
});

@ObjectType('Webhook', { description: 'A webhook endpoint and its delivery state (docs/webhooks.md).' })
export class WebhookModel {
  @Field(() => ID) webhookId!: string;
  @Field() url!: string;
  @Field(() => [String]) eventTypes!: string[];
  @Field(() => WebhookStateEnum) state!: WebhookStateEnum;
  @Field(() => String, {
    nullable: true,
    description: 'The signing secret (whsec_…): only in the answer of createWebhook and rotateWebhookSecret, shown once.',
  })
  secret!: string | null;
  @Field(() => ID, { description: 'The API key that created it.' }) ownerKeyId!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => String, { nullable: true, description: 'The position of the last event delivered (acknowledged with 2xx).' })
  lastDeliveredPosition!: string | null;
  @Field(() => Int, { description: 'Events delivered so far.' }) deliveredCount!: number;
  @Field(() => Int, { description: 'Failed attempts in a row at the event now due.' }) failures!: number;
  @Field(() => Date, { nullable: true, description: 'When the next attempt is due, while retrying.' }) nextRetryAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'The last failure, e.g. "HTTP 500" or "timeout after 5000 ms".' })
  lastError!: string | null;
  @Field(() => Date, { nullable: true }) failingSince!: Date | null;

  static of(webhook: WebhookState & { webhookId: string }, delivery: DeliveryRow | null, secret: string | null = null): WebhookModel {
    return Object.assign(new WebhookModel(), {
      webhookId: webhook.webhookId,
      url: webhook.url ?? '',
      eventTypes: [...webhook.eventTypes],
      state: webhook.status === 'FAILING' ? WebhookStateEnum.FAILING : WebhookStateEnum.ACTIVE,
      secret,
      ownerKeyId: webhook.ownerKeyId ?? '',
      createdAt: new Date(webhook.createdAt ?? 0),
      lastDeliveredPosition: delivery?.lastDeliveredPosition ? positionToString(delivery.lastDeliveredPosition) : null,
      deliveredCount: delivery?.deliveredCount ?? 0,
      failures: delivery?.failures ?? 0,
      nextRetryAt: delivery?.nextRetryAt ? new Date(delivery.nextRetryAt) : null,
      lastError: delivery?.lastError ?? webhook.failing?.lastError ?? null,
      failingSince: webhook.failing ? new Date(webhook.failing.since) : null,
    });
  }
}
