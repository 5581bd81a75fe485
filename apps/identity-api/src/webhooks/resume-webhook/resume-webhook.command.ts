import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { WebhookModel } from '../webhook.model';

export class ResumeWebhookCommand extends Command<WebhookModel> {
  constructor(
    readonly webhookId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
