import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { WebhookModel } from '../webhook.model';
import { CreateWebhookInput } from './create-webhook.input';

export class CreateWebhookCommand extends Command<WebhookModel> {
  constructor(
    readonly input: CreateWebhookInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
