import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { DeleteRamUserInput, DeleteRamUserPayload } from './delete-ram-user.input';

export class DeleteRamUserCommand extends Command<DeleteRamUserPayload> {
  constructor(
    readonly input: DeleteRamUserInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
