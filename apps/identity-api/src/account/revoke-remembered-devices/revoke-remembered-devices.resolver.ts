import { Int, Resolver } from '@nestjs/graphql';
import { AcknowledgedMutation } from '../../graphql/acknowledged-mutation.decorator';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPerson } from '../../auth/current-principal.decorator';
import { PersonContext } from '../../auth/principal';
import { RevokeRememberedDevicesCommand } from './revoke-remembered-devices.command';

@Resolver()
export class RevokeRememberedDevicesResolver {
  constructor(private readonly commands: CommandBus) {}

  @AcknowledgedMutation(() => Int, {
    description: 'Forgets every remembered device of yours (their logons ask for the code again); answers how many.',
  })
  async revokeRememberedDevices(@CurrentPerson() context: PersonContext): Promise<number> {
    return this.commands.execute(new RevokeRememberedDevicesCommand(context));
  }
}
