import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { ChangePasswordCommand } from './change-password.command';
import { ChangePasswordInput } from './change-password.input';

@Resolver()
export class ChangePasswordResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => Boolean, {
    description: 'Your own password, with the current one (wrong: INVALID_CREDENTIALS, counted towards the lock). True once changed.',
  })
  async changePassword(@Args('input') input: ChangePasswordInput, @CurrentPerson() context: PersonContext): Promise<boolean> {
    return this.commands.execute(new ChangePasswordCommand(input, context));
  }
}
