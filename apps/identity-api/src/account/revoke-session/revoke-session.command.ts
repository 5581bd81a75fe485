import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { RevokeSessionInput } from './revoke-session.input';

export class RevokeSessionCommand extends Command<boolean> {
  constructor(
    readonly input: RevokeSessionInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
