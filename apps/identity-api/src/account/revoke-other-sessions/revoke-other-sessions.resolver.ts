import { Int, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { RevokeOtherSessionsCommand } from './revoke-other-sessions.command';

@Resolver()
export class RevokeOtherSessionsResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => Int, { description: 'Ends every live session of yours but this one; answers how many ended.' })
  async revokeOtherSessions(@CurrentPerson() context: PersonContext): Promise<number> {
    return this.commands.execute(new RevokeOtherSessionsCommand(context));
  }
}
