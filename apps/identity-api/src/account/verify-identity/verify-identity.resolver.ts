import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { RequestContext, requirePerson } from '../../auth/principal';
import { VerifyIdentityCommand } from './verify-identity.command';
import { VerifyIdentityInput, VerifyIdentityPayload } from './verify-identity.input';

@Resolver()
export class VerifyIdentityResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => VerifyIdentityPayload, { description: 'Proves the person with the code sent by enableProtection.' })
  async verifyIdentity(@Args('input') input: VerifyIdentityInput, @Context() context: RequestContext): Promise<VerifyIdentityPayload> {
    requirePerson(context);
    return this.commands.execute(new VerifyIdentityCommand(input, context));
  }
}
