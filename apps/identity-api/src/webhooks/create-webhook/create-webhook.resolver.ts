import { Args, Context, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { requireWebhookManager } from '../webhook-manager';
import { WebhookModel } from '../webhook.model';
import { CreateWebhookCommand } from './create-webhook.command';
import { CreateWebhookInput } from './create-webhook.input';

@Resolver()
export class CreateWebhookResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => WebhookModel, {
    description: 'Integrator or admin: registers a webhook; the answer holds its signing secret, shown once.',
  })
  async createWebhook(@Args('input') input: CreateWebhookInput, @Context() context: RequestContext): Promise<WebhookModel> {
    requireWebhookManager(context);
    return this.commands.execute(new CreateWebhookCommand(input, context));
  }
}
