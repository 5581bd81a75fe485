import { Args, Context, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { ResetPasswordCommand } from './reset-password.command';
import { ResetPasswordInput } from './reset-password.input';

@Resolver()
export class ResetPasswordResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => Boolean, {
    description: 'Sets a new password with the code of requestPasswordReset (public) and, when protection covers logon, the second factor.',
  })
  async resetPassword(@Args('input') input: ResetPasswordInput, @Context() context: RequestContext): Promise<boolean> {
    return this.commands.execute(new ResetPasswordCommand(input, context));
  }
}
