import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { RamUserPayload } from '../../ram-users/ram-user.model';
import { UpdateRamUserInput } from './update-ram-user.input';

export class UpdateRamUserCommand extends Command<RamUserPayload> {
  constructor(
    readonly input: UpdateRamUserInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
