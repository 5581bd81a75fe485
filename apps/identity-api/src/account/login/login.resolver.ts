import { Args, Context, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { LoginCommand } from './login.command';
import { LoginInput } from './login.input';
import { LoginPayload } from './login.model';

@Resolver()
export class LoginResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => LoginPayload, { description: 'Step 1 of a logon: the password (public).' })
  async login(@Args('input') input: LoginInput, @Context() context: RequestContext): Promise<LoginPayload> {
    return this.commands.execute(new LoginCommand(input, context));
  }
}
