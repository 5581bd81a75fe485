import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountCommandRunner } from '../account-command-runner';
import { LogoutCommand } from './logout.command';

/** Ends the acting session: its token is refused from the next request on, on every instance. */
@CommandHandler(LogoutCommand)
export class LogoutHandler implements ICommandHandler<LogoutCommand> {
  constructor(private readonly accounts: AccountCommandRunner) {}

  async execute({ context }: LogoutCommand): Promise<boolean> {
    const { accountId, sessionId } = context.principal;
    await this.accounts.run(accountId, context, (_state, now) => ({ type: 'EndSession', now, sessionId }));
    return true;
  }
}
