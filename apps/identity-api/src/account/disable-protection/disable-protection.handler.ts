import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CodeHasher } from '@identity/security';
import { AccountCommandRunner } from '../account-command-runner';
import { accountSecurityOf } from '../account-security-payloads';
import { DisableProtectionCommand } from './disable-protection.command';
import { DisableProtectionPayload } from './disable-protection.input';
import { RateLimits } from '../../rate-limits/rate-limits.service';
import { CodeDispatch } from '../code-dispatch';
import { SecondFactorProofs } from '../second-factor/second-factor-proofs';
import { GoverningPreference } from '../logon-aids/governing-preference';

/**
 * Turns protection off with the code sent by requestProtectionDisable; the bound authenticators are
 * forgotten. TOTP protection also needs `totpCode`, checked against them here. A wrong code is recorded (and counts towards the lock) before INVALID_CODE is answered.
 */
@CommandHandler(DisableProtectionCommand)
export class DisableProtectionHandler implements ICommandHandler<DisableProtectionCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly dispatch: CodeDispatch,
    private readonly accounts: AccountCommandRunner,
    private readonly codes: CodeHasher,
    private readonly secondFactor: SecondFactorProofs,
    private readonly devices: GoverningPreference,
  ) {}

  async execute({ input, context }: DisableProtectionCommand): Promise<DisableProtectionPayload> {
    await this.devices.requireOwnDeviceManagement(context.principal.accountId);
    const { accountId } = context.principal;
    await this.rateLimits.consume(['verification-address', context.meta.ip], ['attempts-account', accountId]);
    const write = await this.accounts.run(accountId, context, (state, now) => ({
      type: 'DisableProtection',
      now,
      sessionId: context.principal.sessionId,
      verificationId: input.verificationId,
      codeHash: this.codes.hash(input.verificationId, input.code),
      secondFactor: input.totpCode ? { proof: this.secondFactor.proofOf(accountId, state, input.totpCode, now, 'TOTP_ONLY') } : null,
    }));
    await this.dispatch.codeAnswered(accountId);
    return { security: accountSecurityOf(write.state) };
  }
}
