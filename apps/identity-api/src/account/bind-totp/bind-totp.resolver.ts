import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { RequestContext, requirePerson } from '../../auth/principal';
import { BindTotpCommand } from './bind-totp.command';
import { BindTotpInput, BindTotpPayload } from './bind-totp.input';

@Resolver()
export class BindTotpResolver {
  constructor(private readonly commands: CommandBus) {}

  @Mutation(() => BindTotpPayload, { description: 'Binds the authenticator with a code from it; protection is then on.' })
  async bindTotp(@Args('input') input: BindTotpInput, @Context() context: RequestContext): Promise<BindTotpPayload> {
    requirePerson(context);
    return this.commands.execute(new BindTotpCommand(input, context));
  }
}
