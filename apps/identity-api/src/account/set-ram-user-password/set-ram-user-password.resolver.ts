import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { RamUserPayload } from '../../ram-users/ram-user.model';
import { SetRamUserPasswordCommand } from './set-ram-user-password.command';
import { SetRamUserPasswordInput } from './set-ram-user-password.input';

@Resolver()
export class SetRamUserPasswordResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => RamUserPayload, {
    description: "Sets a RAM user's password; its sessions end. The primary account only (step-up applies).",
  })
  async setRamUserPassword(
    @Args('input') input: SetRamUserPasswordInput,
    @CurrentPerson() context: PersonContext,
  ): Promise<RamUserPayload> {
    return this.commands.execute(new SetRamUserPasswordCommand(input, context));
  }
}
