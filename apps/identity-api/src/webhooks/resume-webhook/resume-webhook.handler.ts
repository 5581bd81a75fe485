import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { WebhookDeliveryService } from '../delivery/webhook-delivery.service';
import { requireWebhookManager } from '../webhook-manager';
import { WebhookCommandRunner } from '../webhook-command-runner';
import { WebhookModel } from '../webhook.model';
import { ResumeWebhookCommand } from './resume-webhook.command';

/**
 * Delivery of a failing webhook starts again with the event it stopped at. An active one is left as
 * it is, so a retry after a failure past the write (the delivery state unreadable) is safe and answers.
 */
@CommandHandler(ResumeWebhookCommand)
export class ResumeWebhookHandler implements ICommandHandler<ResumeWebhookCommand> {
  constructor(
    private readonly commands: WebhookCommandRunner,
    private readonly delivery: WebhookDeliveryService,
  ) {}

  async execute({ webhookId, context }: ResumeWebhookCommand): Promise<WebhookModel> {
    const by = requireWebhookManager(context);
    const write = await this.commands.run(webhookId, context, (_state, now) => ({ type: 'ResumeWebhook', by, now }), {
      retrySafe: true,
    });
    if (write.events.length > 0) await this.delivery.resumed(webhookId);
    return WebhookModel.of({ ...write.state, webhookId }, await this.delivery.deliveryState(webhookId));
  }
}
