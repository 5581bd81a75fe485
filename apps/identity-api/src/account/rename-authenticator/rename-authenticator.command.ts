import { Command } from '@nestjs/cqrs';
import { AccountSecurityModel } from '../../account-security/account-security.model';
import { PersonContext } from '../../auth/principal';
import { RenameAuthenticatorInput } from './rename-authenticator.input';

export class RenameAuthenticatorCommand extends Command<AccountSecurityModel> {
  constructor(
    readonly input: RenameAuthenticatorInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
