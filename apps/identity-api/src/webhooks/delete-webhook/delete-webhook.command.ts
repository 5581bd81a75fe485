import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';

export class DeleteWebhookCommand extends Command<boolean> {
  constructor(
    readonly webhookId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
