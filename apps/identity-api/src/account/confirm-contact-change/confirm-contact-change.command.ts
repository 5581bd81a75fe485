import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { ConfirmContactChangeInput, ConfirmContactChangePayload } from './confirm-contact-change.input';

export class ConfirmContactChangeCommand extends Command<ConfirmContactChangePayload> {
  constructor(
    readonly input: ConfirmContactChangeInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
