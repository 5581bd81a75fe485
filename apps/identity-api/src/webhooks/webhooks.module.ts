import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IntegrationModule } from '../integration/integration.module';
import { CreateWebhookHandler } from './create-webhook/create-webhook.handler';
import { CreateWebhookResolver } from './create-webhook/create-webhook.resolver';
import { DeleteWebhookHandler } from './delete-webhook/delete-webhook.handler';
import { DeleteWebhookResolver } from './delete-webhook/delete-webhook.resolver';
import { WebhookDeliveryService } from './delivery/webhook-delivery.service';
import { ListWebhooksResolver } from './list-webhooks/list-webhooks.resolver';
import { ResumeWebhookHandler } from './resume-webhook/resume-webhook.handler';
import { ResumeWebhookResolver } from './resume-webhook/resume-webhook.resolver';
import { RotateWebhookSecretHandler } from './rotate-webhook-secret/rotate-webhook-secret.handler';
import { RotateWebhookSecretResolver } from './rotate-webhook-secret/rotate-webhook-secret.resolver';
import { WebhookCommandRunner } from './webhook-command-runner';
import { WebhookDestinationCheck } from './webhook-destination.check';
import { WebhookSecrets } from './webhook-secrets';

export const WEBHOOK_RESOLVERS = [
  CreateWebhookResolver,
  DeleteWebhookResolver,
  RotateWebhookSecretResolver,
  ResumeWebhookResolver,
  ListWebhooksResolver,
];

/** Webhooks (docs/webhooks.md): the event-sourced registry, one folder per use case, and in-process delivery. */
@Module({
  imports: [CqrsModule, IntegrationModule],
  providers: [
    WebhookCommandRunner,
    WebhookDestinationCheck,
    WebhookSecrets,
    WebhookDeliveryService,
    CreateWebhookHandler,
    DeleteWebhookHandler,
    RotateWebhookSecretHandler,
    ResumeWebhookHandler,
    ...WEBHOOK_RESOLVERS,
  ],
})
export class WebhooksModule {}
