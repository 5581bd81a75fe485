import { Command } from '@nestjs/cqrs';
import { PersonContext } from '../../auth/principal';
import { RequestProtectionDisableInput, RequestProtectionDisablePayload } from './request-protection-disable.input';

export class RequestProtectionDisableCommand extends Command<RequestProtectionDisablePayload> {
  constructor(
    readonly input: RequestProtectionDisableInput,
    readonly context: PersonContext,
  ) {
    super();
  }
}
