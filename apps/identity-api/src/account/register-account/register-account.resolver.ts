import { Args, Context, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { RegisterAccountCommand } from './register-account.command';
import { RegisterAccountInput, RegisterAccountPayload } from './register-account.input';

@Resolver()
export class RegisterAccountResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => RegisterAccountPayload, { description: 'Creates an account (public).' })
  async registerAccount(@Args('input') input: RegisterAccountInput, @Context() context: RequestContext): Promise<RegisterAccountPayload> {
    return this.commands.execute(new RegisterAccountCommand(input, context));
  }
}
