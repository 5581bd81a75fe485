import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { DisableProtectionCommand } from './disable-protection.command';
import { DisableProtectionInput, DisableProtectionPayload } from './disable-protection.input';

@Resolver()
export class DisableProtectionResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => DisableProtectionPayload, {
    description: 'Turns protection off on your own account with the code sent by requestProtectionDisable; unbinds the authenticator.',
  })
  async disableProtection(
    @Args('input') input: DisableProtectionInput,
    @CurrentPerson() context: PersonContext,
  ): Promise<DisableProtectionPayload> {
    return this.commands.execute(new DisableProtectionCommand(input, context));
  }
}
