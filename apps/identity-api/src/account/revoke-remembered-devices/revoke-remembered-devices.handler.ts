import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountCommandRunner } from '../account-command-runner';
import { RevokeRememberedDevicesCommand } from './revoke-remembered-devices.command';

/** Forgets every remembered device of the account: their next logon asks for the code again. Answers how many. */
@CommandHandler(RevokeRememberedDevicesCommand)
export class RevokeRememberedDevicesHandler implements ICommandHandler<RevokeRememberedDevicesCommand> {
  constructor(private readonly accounts: AccountCommandRunner) {}

  async execute({ context }: RevokeRememberedDevicesCommand): Promise<number> {
    const write = await this.accounts.run(context.principal.accountId, context, (_state, now) => ({
      type: 'RevokeRememberedDevices',
      now,
    }));
    return write.events.reduce((count, e) => count + (e.type === 'RememberedDevicesRevoked' ? e.data.deviceIds.length : 0), 0);
  }
}
