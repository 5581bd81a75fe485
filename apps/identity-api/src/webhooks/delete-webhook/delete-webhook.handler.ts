import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { requireWebhookManager } from '../webhook-manager';
import { WebhookCommandRunner } from '../webhook-command-runner';
import { WebhookSecrets } from '../webhook-secrets';
import { DeleteWebhookCommand } from './delete-webhook.command';

/** Deletes a webhook: delivery stops, and its secrets are shredded (their key is deleted). */
@CommandHandler(DeleteWebhookCommand)
export class DeleteWebhookHandler implements ICommandHandler<DeleteWebhookCommand> {
  constructor(
    private readonly commands: WebhookCommandRunner,
    private readonly secrets: WebhookSecrets,
  ) {}

  async execute({ webhookId, context }: DeleteWebhookCommand): Promise<boolean> {
    const by = requireWebhookManager(context);
    await this.commands.run(webhookId, context, (_state, now) => ({ type: 'DeleteWebhook', by, now }));
    this.secrets.shred(webhookId);
    return true;
  }
}
