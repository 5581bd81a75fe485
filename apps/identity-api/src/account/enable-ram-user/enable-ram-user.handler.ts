import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RamUserPayload } from '../../ram-users/ram-user.model';
import { RamUserManager } from '../ram-user-manager';
import { EnableRamUserCommand } from './enable-ram-user.command';

/** Lets a disabled RAM user log on again. Repeating it changes nothing. */
@CommandHandler(EnableRamUserCommand)
export class EnableRamUserHandler implements ICommandHandler<EnableRamUserCommand> {
  constructor(private readonly manager: RamUserManager) {}

  execute({ input, context }: EnableRamUserCommand): Promise<RamUserPayload> {
    return this.manager.change(context, input.accountId, (now, primaryAccountId) => ({ type: 'EnableRamUser', now, primaryAccountId }));
  }
}
