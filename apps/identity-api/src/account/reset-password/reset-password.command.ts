import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { ResetPasswordInput } from './reset-password.input';

export class ResetPasswordCommand extends Command<boolean> {
  constructor(
    readonly input: ResetPasswordInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
