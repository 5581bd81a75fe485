import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { RamUserPayload } from '../../ram-users/ram-user.model';
import { DisableRamUserCommand } from './disable-ram-user.command';
import { DisableRamUserInput } from './disable-ram-user.input';

@Resolver()
export class DisableRamUserResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => RamUserPayload, {
    description: 'Disables a RAM user: it cannot log on, and its sessions end at once. The primary account only (step-up applies).',
  })
  async disableRamUser(@Args('input') input: DisableRamUserInput, @CurrentPerson() context: PersonContext): Promise<RamUserPayload> {
    return this.commands.execute(new DisableRamUserCommand(input, context));
  }
}
