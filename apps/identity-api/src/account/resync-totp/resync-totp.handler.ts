import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { matchConsecutiveTotpSteps, SecretBox } from '@identity/security';
import { AccountSecurityModel } from '../../account-security/account-security.model';
import { RateLimits } from '../../rate-limits/rate-limits.service';
import { AccountCommandRunner } from '../account-command-runner';
import { accountSecurityOf } from '../account-security-payloads';
import { ResyncTotpCommand } from './resync-totp.command';
import { GoverningPreference } from '../logon-aids/governing-preference';

/**
 * Re-centres a drifted authenticator (RFC 6238 section 6): two consecutive codes are searched for
 * within the policy's resync window around now; the domain records the drift, or a failure that
 * counts towards the lock (sensitive: the acting session goes into the command, for step-up).
 */
@CommandHandler(ResyncTotpCommand)
export class ResyncTotpHandler implements ICommandHandler<ResyncTotpCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly accounts: AccountCommandRunner,
    private readonly secrets: SecretBox,
    private readonly devices: GoverningPreference,
  ) {}

  async execute({ input, context }: ResyncTotpCommand): Promise<AccountSecurityModel> {
    await this.devices.requireOwnDeviceManagement(context.principal.accountId);
    const { accountId, sessionId } = context.principal;
    await this.rateLimits.consume(['verification-address', context.meta.ip], ['attempts-account', accountId]);
    const write = await this.accounts.run(accountId, context, (state, now) => {
      const authenticator = state.authenticators[input.authenticatorId];
      const match = authenticator
        ? matchConsecutiveTotpSteps({
            secret: this.secrets.decrypt(accountId, authenticator.secret),
            code1: input.code1,
            code2: input.code2,
            at: new Date(now),
            window: this.accounts.policy.resyncWindowSteps,
          })
        : null;
      return { type: 'ResyncTotp', now, sessionId, authenticatorId: input.authenticatorId, match };
    });
    return accountSecurityOf(write.state);
  }
}
