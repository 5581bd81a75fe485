import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountCommandRunner } from '../account-command-runner';
import { RevokeSessionCommand } from './revoke-session.command';

/** Ends one of the person's own live sessions; false when there is none by that id (never another account's). */
@CommandHandler(RevokeSessionCommand)
export class RevokeSessionHandler implements ICommandHandler<RevokeSessionCommand> {
  constructor(private readonly accounts: AccountCommandRunner) {}

  async execute({ input, context }: RevokeSessionCommand): Promise<boolean> {
    const { accountId, sessionId } = context.principal;
    const write = await this.accounts.run(accountId, context, (_state, now) => ({
      type: 'RevokeSession',
      now,
      sessionId,
      targetSessionId: input.sessionId,
    }));
    return write.events.some((e) => e.type === 'SessionsEnded');
  }
}
