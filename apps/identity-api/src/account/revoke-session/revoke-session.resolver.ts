import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { RevokeSessionCommand } from './revoke-session.command';
import { RevokeSessionInput } from './revoke-session.input';

@Resolver()
export class RevokeSessionResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => Boolean, { description: 'Ends one of your live sessions; false when you have none by that id.' })
  async revokeSession(@Args('input') input: RevokeSessionInput, @CurrentPerson() context: PersonContext): Promise<boolean> {
    return this.commands.execute(new RevokeSessionCommand(input, context));
  }
}
