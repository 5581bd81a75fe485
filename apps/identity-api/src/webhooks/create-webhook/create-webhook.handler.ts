import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { requireWebhookManager } from '../webhook-manager';
import { WebhookCommandRunner } from '../webhook-command-runner';
import { WebhookDestinationCheck } from '../webhook-destination.check';
import { WebhookModel } from '../webhook.model';
import { WebhookSecrets } from '../webhook-secrets';
import { CreateWebhookCommand } from './create-webhook.command';

/** Registers a webhook owned by the calling key, with a new signing secret returned this once. */
@CommandHandler(CreateWebhookCommand)
export class CreateWebhookHandler implements ICommandHandler<CreateWebhookCommand> {
  constructor(
    private readonly commands: WebhookCommandRunner,
    private readonly destinations: WebhookDestinationCheck,
    private readonly secrets: WebhookSecrets,
  ) {}

  async execute({ input, context }: CreateWebhookCommand): Promise<WebhookModel> {
    const by = requireWebhookManager(context);
    await this.destinations.check(input.url);
    const webhookId = randomUUID();
    const { secret, encrypted } = this.secrets.create(webhookId);
    try {
      const write = await this.commands.run(webhookId, context, (_state, now) => ({
        type: 'CreateWebhook',
        webhookId,
        by,
        url: input.url,
        eventTypes: input.eventTypes,
        secret: encrypted,
        now,
      }));
      return WebhookModel.of({ ...write.state, webhookId }, null, secret);
    } catch (error) {
      this.secrets.shred(webhookId);
      throw error;
    }
  }
}
