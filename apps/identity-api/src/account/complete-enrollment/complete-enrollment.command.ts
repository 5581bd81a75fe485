import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { LoginPayload } from '../login/login.model';
import { CompleteEnrollmentInput } from './complete-enrollment.input';

export class CompleteEnrollmentCommand extends Command<LoginPayload> {
  constructor(
    readonly input: CompleteEnrollmentInput,
    readonly context: RequestContext,
  ) {
    super();
  }
}
