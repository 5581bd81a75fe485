import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { AccountSecurityModel } from '../../account-security/account-security.model';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { RemoveAuthenticatorCommand } from './remove-authenticator.command';
import { RemoveAuthenticatorInput } from './remove-authenticator.input';

@Resolver()
export class RemoveAuthenticatorResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => AccountSecurityModel, {
    description:
      'Removes one of your authenticators. The last one of TOTP protection: LAST_FACTOR, unless disableProtection with a fresh code of it turns protection off in the same step.',
  })
  async removeAuthenticator(
    @Args('input') input: RemoveAuthenticatorInput,
    @CurrentPerson() context: PersonContext,
  ): Promise<AccountSecurityModel> {
    return this.commands.execute(new RemoveAuthenticatorCommand(input, context));
  }
}
