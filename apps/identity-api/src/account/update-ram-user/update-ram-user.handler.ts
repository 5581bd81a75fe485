import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RamUserPayload } from '../../ram-users/ram-user.model';
import { RamUserManager } from '../ram-user-manager';
import { UpdateRamUserCommand } from './update-ram-user.command';

/** Changes a RAM user's display name, mfaRequired or passwordResetRequired (fields not given stay). Repeating it changes nothing. */
@CommandHandler(UpdateRamUserCommand)
export class UpdateRamUserHandler implements ICommandHandler<UpdateRamUserCommand> {
  constructor(private readonly manager: RamUserManager) {}

  execute({ input, context }: UpdateRamUserCommand): Promise<RamUserPayload> {
    return this.manager.change(context, input.accountId, (now, primaryAccountId) => ({
      type: 'UpdateRamUser',
      now,
      primaryAccountId,
      ...(input.displayName === undefined || input.displayName === null ? {} : { displayName: input.displayName }),
      ...(typeof input.mfaRequired === 'boolean' ? { mfaRequired: input.mfaRequired } : {}),
      ...(typeof input.passwordResetRequired === 'boolean' ? { passwordResetRequired: input.passwordResetRequired } : {}),
    }));
  }
}
