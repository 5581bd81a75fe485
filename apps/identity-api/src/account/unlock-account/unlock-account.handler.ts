import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountCommandRunner } from '../account-command-runner';
import { UnlockAccountCommand } from './unlock-account.command';
import { UnlockAccountPayload } from './unlock-account.input';

/**
 * An admin lifts every lock and count of an account (AccountUnlocked, reason ADMIN_RESET): the
 * way out of a second-factor lock that lasts until an unlock, until recovery through a verified
 * channel exists (docs/adr/0005-lockout.md). The same as `npm run cli -- accounts unlock`.
 */
@CommandHandler(UnlockAccountCommand)
export class UnlockAccountHandler implements ICommandHandler<UnlockAccountCommand> {
  constructor(private readonly accounts: AccountCommandRunner) {}

  async execute({ input, context }: UnlockAccountCommand): Promise<UnlockAccountPayload> {
    const write = await this.accounts.run(input.accountId, context, (_state, now) => ({ type: 'UnlockAccount', now }));
    return { accountId: input.accountId, unlocked: write.events.some((e) => e.type === 'AccountUnlocked') };
  }
}
