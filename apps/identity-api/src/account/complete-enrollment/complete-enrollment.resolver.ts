import { Args, Context, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { LoginPayload } from '../login/login.model';
import { CompleteEnrollmentCommand } from './complete-enrollment.command';
import { CompleteEnrollmentInput } from './complete-enrollment.input';

@Resolver()
export class CompleteEnrollmentResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => LoginPayload, {
    description: 'After MFA_ENROLLMENT_REQUIRED: two consecutive codes of the new secret bind it and log on (public).',
  })
  async completeEnrollment(@Args('input') input: CompleteEnrollmentInput, @Context() context: RequestContext): Promise<LoginPayload> {
    return this.commands.execute(new CompleteEnrollmentCommand(input, context));
  }
}
