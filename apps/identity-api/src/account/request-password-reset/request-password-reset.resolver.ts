import { Args, Context, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { RequestPasswordResetCommand } from './request-password-reset.command';
import { RequestPasswordResetInput, RequestPasswordResetPayload } from './request-password-reset.input';

@Resolver()
export class RequestPasswordResetResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => RequestPasswordResetPayload, {
    description: 'A forgotten password (public): sends a code to the account’s phone or email; the same answer for an unknown name.',
  })
  async requestPasswordReset(
    @Args('input') input: RequestPasswordResetInput,
    @Context() context: RequestContext,
  ): Promise<RequestPasswordResetPayload> {
    return this.commands.execute(new RequestPasswordResetCommand(input, context));
  }
}
