import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { EnableProtectionInput, EnableProtectionPayload } from './enable-protection.input';

export class EnableProtectionCommand extends Command<EnableProtectionPayload> {
  constructor(
    readonly input: EnableProtectionInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
