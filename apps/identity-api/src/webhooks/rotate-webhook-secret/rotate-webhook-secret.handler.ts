import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { WebhookDeliveryService } from '../delivery/webhook-delivery.service';
import { requireWebhookManager } from '../webhook-manager';
import { WebhookCommandRunner } from '../webhook-command-runner';
import { WebhookModel } from '../webhook.model';
import { WebhookSecrets } from '../webhook-secrets';
import { RotateWebhookSecretCommand } from './rotate-webhook-secret.command';

/**
 * A new signing secret, returned this once; the previous one still signs (a second signature) for a
 * while. The delivery state is read before the rotation is written (a rotation does not change it), so
 * that a read model that is down answers UNAVAILABLE with nothing written, never a rotation whose
 * secret is lost.
 */
@CommandHandler(RotateWebhookSecretCommand)
export class RotateWebhookSecretHandler implements ICommandHandler<RotateWebhookSecretCommand> {
  constructor(
    private readonly commands: WebhookCommandRunner,
    private readonly secrets: WebhookSecrets,
    private readonly delivery: WebhookDeliveryService,
  ) {}

  async execute({ webhookId, previousSecretValidForSeconds, context }: RotateWebhookSecretCommand): Promise<WebhookModel> {
    const by = requireWebhookManager(context);
    const delivery = await this.delivery.deliveryState(webhookId);
    const { secret, encrypted } = this.secrets.create(webhookId);
    const write = await this.commands.run(webhookId, context, (_state, now) => ({
      type: 'RotateWebhookSecret',
      by,
      secret: encrypted,
      previousSecretValidForSeconds,
      now,
    }));
    return WebhookModel.of({ ...write.state, webhookId }, delivery, secret);
  }
}
