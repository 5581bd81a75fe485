import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountSecurityModel } from '../../account-security/account-security.model';
import { AccountCommandRunner } from '../account-command-runner';
import { accountSecurityOf } from '../account-security-payloads';
import { RenameAuthenticatorCommand } from './rename-authenticator.command';
import { GoverningPreference } from '../logon-aids/governing-preference';

/** Renames a bound authenticator (sensitive: the acting session goes into the command, for step-up). */
@CommandHandler(RenameAuthenticatorCommand)
export class RenameAuthenticatorHandler implements ICommandHandler<RenameAuthenticatorCommand> {
  constructor(
    private readonly accounts: AccountCommandRunner,
    private readonly devices: GoverningPreference,
  ) {}

  async execute({ input, context }: RenameAuthenticatorCommand): Promise<AccountSecurityModel> {
    await this.devices.requireOwnDeviceManagement(context.principal.accountId);
    const { accountId, sessionId } = context.principal;
    const write = await this.accounts.run(accountId, context, (_state, now) => ({
      type: 'RenameAuthenticator',
      now,
      sessionId,
      authenticatorId: input.authenticatorId,
      name: input.name,
    }));
    return accountSecurityOf(write.state);
  }
}
