import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { RequestPasswordResetInput, RequestPasswordResetPayload } from './request-password-reset.input';

export class RequestPasswordResetCommand extends Command<RequestPasswordResetPayload> {
  constructor(
    readonly input: RequestPasswordResetInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
