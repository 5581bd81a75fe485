import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { RamUserPayload } from '../../ram-users/ram-user.model';
import { DisableRamUserInput } from './disable-ram-user.input';

export class DisableRamUserCommand extends Command<RamUserPayload> {
  constructor(
    readonly input: DisableRamUserInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
