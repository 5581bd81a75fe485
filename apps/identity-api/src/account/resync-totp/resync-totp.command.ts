import { Command } from '@nestjs/cqrs';
import { AccountSecurityModel } from '../../account-security/account-security.model';
import { PersonContext } from '../../auth/principal';
import { ResyncTotpInput } from './resync-totp.input';

export class ResyncTotpCommand extends Command<AccountSecurityModel> {
  constructor(
    readonly input: ResyncTotpInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
