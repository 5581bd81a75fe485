import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { LoginPayload } from '../login/login.model';
import { CompletePasswordChangeInput } from './complete-password-change.input';

export class CompletePasswordChangeCommand extends Command<LoginPayload> {
  constructor(
    readonly input: CompletePasswordChangeInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
