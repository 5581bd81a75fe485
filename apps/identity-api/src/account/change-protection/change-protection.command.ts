import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { ChangeProtectionInput, ChangeProtectionPayload } from './change-protection.input';

export class ChangeProtectionCommand extends Command<ChangeProtectionPayload> {
  constructor(
    readonly input: ChangeProtectionInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
