import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { requireStepUp } from '@identity/domain';
import { AccountSecurityModel } from '../../account-security/account-security.model';
import { NotAllowedError } from '../../auth/access-errors';
import { CLOCK, Clock } from '../../infrastructure/clock';
import { AccountCommandRunner } from '../account-command-runner';
import { accountSecurityOf } from '../account-security-payloads';
import { ResetRamUserMfaCommand } from './reset-ram-user-mfa.command';

/**
 * A primary account helps one of its RAM users who lost the device (docs/ram-users.md): the step-up
 * rule is the primary's (checked on the primary's state, its session the acting one); the reset is
 * written to the RAM user's stream, whose domain checks again that this primary is its own. Another
 * primary's RAM user, an unknown account and a RAM user acting are all FORBIDDEN alike.
 */
@CommandHandler(ResetRamUserMfaCommand)
export class ResetRamUserMfaHandler implements ICommandHandler<ResetRamUserMfaCommand> {
  constructor(
    private readonly accounts: AccountCommandRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: ResetRamUserMfaCommand): Promise<AccountSecurityModel> {
    const { accountId: primaryAccountId, sessionId } = context.principal;
    const primary = await this.accounts.load(primaryAccountId);
    if (primary.primaryAccountId !== null) throw new NotAllowedError('a RAM user cannot manage RAM users');
    requireStepUp(primary, sessionId, this.clock.now().toISOString(), this.accounts.policy);
    const target = await this.accounts.load(input.accountId);
    if (!target.exists || target.erased || target.primaryAccountId !== primaryAccountId) {
      throw new NotAllowedError('not one of your RAM users');
    }
    const write = await this.accounts.run(input.accountId, context, (_state, now) => ({
      type: 'ResetMfaByPrimary',
      now,
      primaryAccountId,
      sessionId,
    }));
    return accountSecurityOf(write.state);
  }
}
