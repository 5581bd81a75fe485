import { Args, Context, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { RequestContext } from '../../auth/principal';
import { LoginPayload } from '../login/login.model';
import { CompleteLoginCommand } from './complete-login.command';
import { CompleteLoginInput } from './complete-login.input';

@Resolver()
export class CompleteLoginResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => LoginPayload, { description: 'Step 2 of a logon: the TOTP (or SMS/email) code (public).' })
  async completeLogin(@Args('input') input: CompleteLoginInput, @Context() context: RequestContext): Promise<LoginPayload> {
    return this.commands.execute(new CompleteLoginCommand(input, context));
  }
}
