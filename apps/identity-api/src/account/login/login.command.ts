import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { LoginPayload } from './login.model';
import { LoginInput } from './login.input';

export class LoginCommand extends Command<LoginPayload> {
  constructor(
    readonly input: LoginInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
