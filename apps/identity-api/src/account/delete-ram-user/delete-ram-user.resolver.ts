import { Args, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { DeleteRamUserCommand } from './delete-ram-user.command';
import { DeleteRamUserInput, DeleteRamUserPayload } from './delete-ram-user.input';

@Resolver()
export class DeleteRamUserResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => DeleteRamUserPayload, {
    description: 'Deletes a RAM user for good: erased (its secrets unreadable), its sessions ended, its login name kept taken.',
  })
  async deleteRamUser(@Args('input') input: DeleteRamUserInput, @CurrentPerson() context: PersonContext): Promise<DeleteRamUserPayload> {
    return this.commands.execute(new DeleteRamUserCommand(input, context));
  }
}
