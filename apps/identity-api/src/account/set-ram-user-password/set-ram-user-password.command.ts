import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { RamUserPayload } from '../../ram-users/ram-user.model';
import { SetRamUserPasswordInput } from './set-ram-user-password.input';

export class SetRamUserPasswordCommand extends Command<RamUserPayload> {
  constructor(
    readonly input: SetRamUserPasswordInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
