import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { RamUserPayload } from '../../ram-users/ram-user.model';
import { UpdateRamUserCommand } from './update-ram-user.command';
import { UpdateRamUserInput } from './update-ram-user.input';

@Resolver()
export class UpdateRamUserResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => RamUserPayload, {
    description:
      "Changes a RAM user's display name, mfaRequired or passwordResetRequired (fields not given stay). The primary account only (step-up applies).",
  })
  async updateRamUser(@Args('input') input: UpdateRamUserInput, @CurrentPerson() context: PersonContext): Promise<RamUserPayload> {
    return this.commands.execute(new UpdateRamUserCommand(input, context));
  }
}
