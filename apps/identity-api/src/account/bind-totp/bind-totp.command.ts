import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { BindTotpInput, BindTotpPayload } from './bind-totp.input';

export class BindTotpCommand extends Command<BindTotpPayload> {
  constructor(
    readonly input: BindTotpInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
