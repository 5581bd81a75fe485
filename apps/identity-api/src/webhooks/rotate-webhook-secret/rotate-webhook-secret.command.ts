import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { WebhookModel } from '../webhook.model';

export class RotateWebhookSecretCommand extends Command<WebhookModel> {
  constructor(
    readonly webhookId: string,
    readonly previousSecretValidForSeconds: number,
    readonly context: RequestContext,
  ) {
    super();
  }
}
