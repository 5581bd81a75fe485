import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { BindTotpCommand } from './bind-totp.command';
import { BindTotpInput, BindTotpPayload } from './bind-totp.input';

@Resolver()
export class BindTotpResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => BindTotpPayload, { description: 'Binds the authenticator with a code from it; protection is then on.' })
  async bindTotp(@Args('input') input: BindTotpInput, @CurrentPerson() context: PersonContext): Promise<BindTotpPayload> {
    return this.commands.execute(new BindTotpCommand(input, context));
  }
}
