import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RamUserPayload } from '../../ram-users/ram-user.model';
import { RamUserManager } from '../ram-user-manager';
import { DisableRamUserCommand } from './disable-ram-user.command';

/** Disables a RAM user: it cannot log on, and its sessions end at once. Repeating it changes nothing. */
@CommandHandler(DisableRamUserCommand)
export class DisableRamUserHandler implements ICommandHandler<DisableRamUserCommand> {
  constructor(private readonly manager: RamUserManager) {}

  execute({ input, context }: DisableRamUserCommand): Promise<RamUserPayload> {
    return this.manager.change(context, input.accountId, (now, primaryAccountId) => ({
      type: 'DisableRamUser',
      now,
      primaryAccountId,
      reason: 'PRIMARY',
    }));
  }
}
