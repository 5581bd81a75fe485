import { Command } from '@nestjs/cqrs';
import { AccountSecurityModel } from '../../account-security/account-security.model';
import { PersonContext } from '../../auth/principal';
import { RemoveAuthenticatorInput } from './remove-authenticator.input';

export class RemoveAuthenticatorCommand extends Command<AccountSecurityModel> {
  constructor(
    readonly input: RemoveAuthenticatorInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
