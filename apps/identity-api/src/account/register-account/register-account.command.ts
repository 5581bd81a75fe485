import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { RegisterAccountInput } from './register-account.input';

export class RegisterAccountCommand extends Command<{ accountId: string }> {
  constructor(
    readonly input: RegisterAccountInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
