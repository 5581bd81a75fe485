import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { RequestContext, requirePerson } from '../../auth/principal';
import { EnableProtectionCommand } from './enable-protection.command';
import { EnableProtectionInput, EnableProtectionPayload } from './enable-protection.input';

@Resolver()
export class EnableProtectionResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => EnableProtectionPayload, { description: 'Chooses the protected scenes and sends an identity verification code.' })
  async enableProtection(@Args('input') input: EnableProtectionInput, @Context() context: RequestContext): Promise<EnableProtectionPayload> {
    requirePerson(context);
    return this.commands.execute(new EnableProtectionCommand(input, context));
  }
}
