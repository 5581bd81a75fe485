import { Args, Context, ID, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { requireWebhookManager } from '../webhook-manager';
import { WebhookModel } from '../webhook.model';
import { ResumeWebhookCommand } from './resume-webhook.command';

@Resolver()
export class ResumeWebhookResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => WebhookModel, {
    description: 'Integrator (its own) or admin: resumes delivery of a FAILING webhook where it stopped.',
  })
  async resumeWebhook(@Args('webhookId', { type: () => ID }) webhookId: string, @Context() context: RequestContext): Promise<WebhookModel> {
    requireWebhookManager(context);
    return this.commands.execute(new ResumeWebhookCommand(webhookId, context));
  }
}
