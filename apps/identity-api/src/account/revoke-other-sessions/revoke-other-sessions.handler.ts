import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountCommandRunner } from '../account-command-runner';
import { RevokeOtherSessionsCommand } from './revoke-other-sessions.command';

/** Ends every live session of the account but the acting one; answers how many ended. */
@CommandHandler(RevokeOtherSessionsCommand)
export class RevokeOtherSessionsHandler implements ICommandHandler<RevokeOtherSessionsCommand> {
  constructor(private readonly accounts: AccountCommandRunner) {}

  async execute({ context }: RevokeOtherSessionsCommand): Promise<number> {
    const { accountId, sessionId } = context.principal;
    const write = await this.accounts.run(accountId, context, (_state, now) => ({ type: 'RevokeOtherSessions', now, sessionId }));
    return write.events.reduce((count, e) => count + (e.type === 'SessionsEnded' ? e.data.sessionIds.length : 0), 0);
  }
}
