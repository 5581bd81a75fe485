import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { BeginTotpBindingInput, TotpEnrollment } from './begin-totp-binding.input';

export class BeginTotpBindingCommand extends Command<TotpEnrollment> {
  constructor(
    readonly input: BeginTotpBindingInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
