import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { LoginPayload } from '../login/login.model';
import { CompleteLoginInput } from './complete-login.input';

export class CompleteLoginCommand extends Command<LoginPayload> {
  constructor(
    readonly input: CompleteLoginInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
