import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { accountSecurityOf } from '../account-security-payloads';
import { AccountCommandRunner } from '../account-command-runner';
import { SecondFactorProofs } from '../second-factor/second-factor-proofs';
import { RateLimits } from '../../rate-limits/rate-limits.service';
import { ChangeProtectionCommand } from './change-protection.command';
import { ChangeProtectionPayload } from './change-protection.input';
import { GoverningPreference } from '../logon-aids/governing-preference';

/**
 * Changes the protection in force in one step. A sensitive operation: the command carries the
 * acting session. The TOTP code, when sent, is checked here against the bound authenticators and
 * passed as a proof; the domain decides whether the change needs it and whether its step is unspent.
 */
@CommandHandler(ChangeProtectionCommand)
export class ChangeProtectionHandler implements ICommandHandler<ChangeProtectionCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly accounts: AccountCommandRunner,
    private readonly secondFactor: SecondFactorProofs,
    private readonly devices: GoverningPreference,
  ) {}

  async execute({ input, context }: ChangeProtectionCommand): Promise<ChangeProtectionPayload> {
    await this.devices.requireOwnDeviceManagement(context.principal.accountId);
    const { accountId, sessionId } = context.principal;
    await this.rateLimits.consume(['verification-address', context.meta.ip], ['attempts-account', accountId]);
    const write = await this.accounts.run(accountId, context, (state, now) => ({
      type: 'ChangeProtection',
      now,
      verificationId: input.verificationId,
      scenes: input.scenes,
      method: input.method,
      secondFactor: input.totpCode ? { proof: this.secondFactor.proofOf(accountId, state, input.totpCode, now, 'TOTP_ONLY') } : null,
      sessionId,
    }));
    return { security: accountSecurityOf(write.state) };
  }
}
