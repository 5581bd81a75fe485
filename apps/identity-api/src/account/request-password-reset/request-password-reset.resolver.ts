import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { RequestPasswordResetCommand } from './request-password-reset.command';
import { RequestPasswordResetInput, RequestPasswordResetPayload } from './request-password-reset.input';

@Resolver()
export class RequestPasswordResetResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => RequestPasswordResetPayload, {
    description: 'A forgotten password (public): sends a code to the account’s phone or email; the same answer for an unknown name.',
  })
  async requestPasswordReset(
    @Args('input') input: RequestPasswordResetInput,
    @Context() context: RequestContext,
  ): Promise<RequestPasswordResetPayload> {
    return this.commands.execute(new RequestPasswordResetCommand(input, context));
  }
}
