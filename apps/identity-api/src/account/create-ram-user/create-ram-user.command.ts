import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { CreateRamUserInput, CreateRamUserPayload } from './create-ram-user.input';

export class CreateRamUserCommand extends Command<CreateRamUserPayload> {
  constructor(
    readonly input: CreateRamUserInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
