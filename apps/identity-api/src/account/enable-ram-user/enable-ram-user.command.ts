import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { RamUserPayload } from '../../ram-users/ram-user.model';
import { EnableRamUserInput } from './enable-ram-user.input';

export class EnableRamUserCommand extends Command<RamUserPayload> {
  constructor(
    readonly input: EnableRamUserInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
