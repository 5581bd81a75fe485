import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';

export class RevokeRememberedDevicesCommand extends Command<number> {
  constructor(readonly context: PersonContext) {
    super();
  }
}
