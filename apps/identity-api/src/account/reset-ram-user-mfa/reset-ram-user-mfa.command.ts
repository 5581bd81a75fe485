import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { AccountSecurityModel } from '../../account-security/account-security.model';
import { ResetRamUserMfaInput } from './reset-ram-user-mfa.input';

export class ResetRamUserMfaCommand extends Command<AccountSecurityModel> {
  constructor(
    readonly input: ResetRamUserMfaInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
