import { Args, Context, ID, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { requireWebhookManager } from '../webhook-manager';
import { DeleteWebhookCommand } from './delete-webhook.command';

@Resolver()
export class DeleteWebhookResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => Boolean, { description: 'Integrator (its own) or admin: deletes a webhook; answers true.' })
  async deleteWebhook(@Args('webhookId', { type: () => ID }) webhookId: string, @Context() context: RequestContext): Promise<boolean> {
    requireWebhookManager(context);
    return this.commands.execute(new DeleteWebhookCommand(webhookId, context));
  }
}
