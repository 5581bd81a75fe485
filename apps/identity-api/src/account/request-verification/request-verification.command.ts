import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { RequestVerificationInput, RequestVerificationPayload } from './request-verification.input';

export class RequestVerificationCommand extends Command<RequestVerificationPayload> {
  constructor(
    readonly input: RequestVerificationInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
