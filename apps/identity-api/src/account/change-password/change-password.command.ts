import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { ChangePasswordInput } from './change-password.input';

export class ChangePasswordCommand extends Command<boolean> {
  constructor(
    readonly input: ChangePasswordInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
