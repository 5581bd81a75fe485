import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { DisableProtectionInput, DisableProtectionPayload } from './disable-protection.input';

export class DisableProtectionCommand extends Command<DisableProtectionPayload> {
  constructor(
    readonly input: DisableProtectionInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
