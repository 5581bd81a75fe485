import { Args, Context, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { LoginPayload } from '../login/login.model';
import { CompletePasswordChangeCommand } from './complete-password-change.command';
import { CompletePasswordChangeInput } from './complete-password-change.input';

@Resolver()
export class CompletePasswordChangeResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => LoginPayload, {
    description: 'After PASSWORD_CHANGE_REQUIRED: sets the new password, then answers the next logon step like login (public).',
  })
  async completePasswordChange(
    @Args('input') input: CompletePasswordChangeInput,
    @Context() context: RequestContext,
  ): Promise<LoginPayload> {
    return this.commands.execute(new CompletePasswordChangeCommand(input, context));
  }
}
