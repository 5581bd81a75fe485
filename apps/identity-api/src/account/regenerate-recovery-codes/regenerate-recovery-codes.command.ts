import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { RecoveryCodesPayload } from './regenerate-recovery-codes.input';

export class RegenerateRecoveryCodesCommand extends Command<RecoveryCodesPayload> {
  constructor(readonly context: PersonContext) {
    super();
  }
}
