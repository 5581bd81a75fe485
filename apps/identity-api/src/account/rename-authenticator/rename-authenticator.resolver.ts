import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { AccountSecurityModel } from '../../account-security/account-security.model';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { RenameAuthenticatorCommand } from './rename-authenticator.command';
import { RenameAuthenticatorInput } from './rename-authenticator.input';

@Resolver()
export class RenameAuthenticatorResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => AccountSecurityModel, { description: 'Gives one of your authenticators a new name.' })
  async renameAuthenticator(
    @Args('input') input: RenameAuthenticatorInput,
    @CurrentPerson() context: PersonContext,
  ): Promise<AccountSecurityModel> {
    return this.commands.execute(new RenameAuthenticatorCommand(input, context));
  }
}
