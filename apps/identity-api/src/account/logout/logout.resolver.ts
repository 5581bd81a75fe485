import { Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { LogoutCommand } from './logout.command';

@Resolver()
export class LogoutResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => Boolean, { description: 'Ends the current session: its token is refused from then on.' })
  async logout(@CurrentPerson() context: PersonContext): Promise<boolean> {
    return this.commands.execute(new LogoutCommand(context));
  }
}
