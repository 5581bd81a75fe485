import { Args, Context, ID, Int, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { requireWebhookManager } from '../webhook-manager';
import { WebhookModel } from '../webhook.model';
import { RotateWebhookSecretCommand } from './rotate-webhook-secret.command';

export const DEFAULT_PREVIOUS_SECRET_SECONDS = 24 * 3600;

@Resolver()
export class RotateWebhookSecretResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => WebhookModel, {
    description:
      'Integrator (its own) or admin: a new signing secret, shown once. Deliveries carry a second signature ' +
      'with the previous secret for `previousSecretValidForSeconds` (default 86400, at most 7 days; 0: none).',
  })
  async rotateWebhookSecret(
    @Args('webhookId', { type: () => ID }) webhookId: string,
    @Args('previousSecretValidForSeconds', { type: () => Int, defaultValue: DEFAULT_PREVIOUS_SECRET_SECONDS })
    previousSecretValidForSeconds: number,
    @Context() context: RequestContext,
  ): Promise<WebhookModel> {
    requireWebhookManager(context);
    return this.commands.execute(new RotateWebhookSecretCommand(webhookId, previousSecretValidForSeconds, context));
  }
}
