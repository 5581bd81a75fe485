import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RamUserErasure } from '../ram-user-erasure';
import { RamUserManager } from '../ram-user-manager';
import { DeleteRamUserCommand } from './delete-ram-user.command';
import { DeleteRamUserPayload } from './delete-ram-user.input';

/**
 * deleteRamUser: the user is erased for good (crypto-shredded, as eraseAccount does) and leaves the
 * primary's membership. Its login name stays claimed (docs/ram-users.md, "Deleting"). Deleting a
 * deleted user again answers the same.
 */
@CommandHandler(DeleteRamUserCommand)
export class DeleteRamUserHandler implements ICommandHandler<DeleteRamUserCommand> {
  constructor(
    private readonly manager: RamUserManager,
    private readonly erasure: RamUserErasure,
  ) {}

  async execute({ input, context }: DeleteRamUserCommand): Promise<DeleteRamUserPayload> {
    await this.manager.primaryOf(context);
    await this.erasure.erase(context.principal.accountId, input.accountId, context, 'DELETED');
    return { accountId: input.accountId, deleted: true };
  }
}
