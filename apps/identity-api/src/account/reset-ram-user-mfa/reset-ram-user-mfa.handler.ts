import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountSecurityModel } from '../../account-security/account-security.model';
import { AccountCommandRunner } from '../account-command-runner';
import { accountSecurityOf } from '../account-security-payloads';
import { RamUserManager } from '../ram-user-manager';
import { ResetRamUserMfaCommand } from './reset-ram-user-mfa.command';

/**
 * A primary account helps one of its RAM users who lost the device (docs/ram-users.md): the acting
 * account is checked as for every RAM-user operation (a primary, its session live, a fresh step-up
 * where its protection asks for one; a RAM user is FORBIDDEN); the reset is written to the RAM
 * user's stream, whose domain refuses another primary's user or an unknown account (FORBIDDEN alike).
 */
@CommandHandler(ResetRamUserMfaCommand)
export class ResetRamUserMfaHandler implements ICommandHandler<ResetRamUserMfaCommand> {
  constructor(
    private readonly ramUsers: RamUserManager,
    private readonly accounts: AccountCommandRunner,
  ) {}

  async execute({ input, context }: ResetRamUserMfaCommand): Promise<AccountSecurityModel> {
    const primary = await this.ramUsers.primaryOf(context);
    const primaryAccountId = primary.accountId ?? context.principal.accountId;
    const write = await this.accounts.run(input.accountId, context, (_state, now) => ({
      type: 'ResetMfaByPrimary',
      now,
      primaryAccountId,
      sessionId: context.principal.sessionId,
    }));
    return accountSecurityOf(write.state);
  }
}
