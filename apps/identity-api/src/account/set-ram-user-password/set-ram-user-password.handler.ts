import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PasswordHasher } from '@identity/security';
import { RamUserPayload } from '../../ram-users/ram-user.model';
import { RamUserManager } from '../ram-user-manager';
import { SetRamUserPasswordCommand } from './set-ram-user-password.command';
import { RateLimits } from '../../rate-limits/rate-limits.service';

/**
 * The primary sets a RAM user's password (a user who forgot it asks its primary, as in Alibaba's
 * console): PasswordChanged SET_BY_PRIMARY, every session of the user ends, and with
 * `passwordResetRequired` the next logon asks for a new one. It counts in the registration bucket of
 * its client address (argon2 runs, as for a registration); the acting primary is checked before argon2 runs.
 */
@CommandHandler(SetRamUserPasswordCommand)
export class SetRamUserPasswordHandler implements ICommandHandler<SetRamUserPasswordCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly manager: RamUserManager,
    private readonly passwords: PasswordHasher,
  ) {}

  async execute({ input, context }: SetRamUserPasswordCommand): Promise<RamUserPayload> {
    await this.rateLimits.consume(['registration-address', context.meta.ip]);
    await this.manager.primaryOf(context);
    const passwordHash = await this.passwords.hash(input.password);
    return this.manager.change(context, input.accountId, (now, primaryAccountId) => ({
      type: 'SetRamUserPassword',
      now,
      primaryAccountId,
      passwordHash,
      passwordResetRequired: input.passwordResetRequired,
    }));
  }
}
