import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';

export class LogoutCommand extends Command<boolean> {
  constructor(readonly context: PersonContext) {
    super();
  }
}
