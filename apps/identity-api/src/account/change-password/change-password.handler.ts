import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { isLocked } from '@identity/domain';
import { PasswordHasher } from '@identity/security';
import { apiError } from '../../graphql/api-error';
import { RateLimits } from '../../rate-limits/rate-limits.service';
import { AccountCommandRunner } from '../account-command-runner';
import { ChangePasswordCommand } from './change-password.command';

/**
 * The person's own password, with the current one: a wrong current password is a PasswordCheckFailed
 * (INVALID_CREDENTIALS, counted towards the lock, not even checked while locked). The acting session
 * is on the command (step-up checks it); PasswordChanged ends the other sessions.
 */
@CommandHandler(ChangePasswordCommand)
export class ChangePasswordHandler implements ICommandHandler<ChangePasswordCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly accounts: AccountCommandRunner,
    private readonly passwords: PasswordHasher,
  ) {}

  async execute({ input, context }: ChangePasswordCommand): Promise<boolean> {
    const { accountId, sessionId } = context.principal;
    if (input.newPassword === input.currentPassword) {
      throw apiError('BAD_USER_INPUT', 'newPassword must differ from the current password', { field: 'newPassword' });
    }
    await this.rateLimits.consume(['logon-address', context.meta.ip], ['attempts-account', accountId]);
    await this.accounts.run(accountId, context, async (state, now) => {
      const currentPasswordValid =
        !isLocked(state, now) && state.passwordHash !== null && (await this.passwords.verify(state.passwordHash, input.currentPassword));
      const newPasswordHash = currentPasswordValid ? await this.passwords.hash(input.newPassword) : null;
      return { type: 'ChangePassword', now, sessionId, currentPasswordValid, newPasswordHash };
    });
    return true;
  }
}
