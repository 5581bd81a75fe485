import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { RamUserPayload } from '../../ram-users/ram-user.model';
import { EnableRamUserCommand } from './enable-ram-user.command';
import { EnableRamUserInput } from './enable-ram-user.input';

@Resolver()
export class EnableRamUserResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => RamUserPayload, {
    description: 'Lets a disabled RAM user log on again. The primary account only (step-up applies).',
  })
  async enableRamUser(@Args('input') input: EnableRamUserInput, @CurrentPerson() context: PersonContext): Promise<RamUserPayload> {
    return this.commands.execute(new EnableRamUserCommand(input, context));
  }
}
