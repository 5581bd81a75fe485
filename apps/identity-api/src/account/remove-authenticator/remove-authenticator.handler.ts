import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountSecurityModel } from '../../account-security/account-security.model';
import { RateLimits } from '../../rate-limits/rate-limits.service';
import { AccountCommandRunner } from '../account-command-runner';
import { accountSecurityOf } from '../account-security-payloads';
import { SecondFactorProofs } from '../second-factor/second-factor-proofs';
import { RemoveAuthenticatorCommand } from './remove-authenticator.command';
import { GoverningPreference } from '../logon-aids/governing-preference';

/**
 * Removes one authenticator (sensitive: the acting session goes into the command, for step-up). The
 * last one of TOTP protection goes only with `disableProtection` and a fresh TOTP code of it,
 * checked here into a proof (a recovery code is not one: it is weaker than the factor removed).
 */
@CommandHandler(RemoveAuthenticatorCommand)
export class RemoveAuthenticatorHandler implements ICommandHandler<RemoveAuthenticatorCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly accounts: AccountCommandRunner,
    private readonly secondFactor: SecondFactorProofs,
    private readonly devices: GoverningPreference,
  ) {}

  async execute({ input, context }: RemoveAuthenticatorCommand): Promise<AccountSecurityModel> {
    await this.devices.requireOwnDeviceManagement(context.principal.accountId);
    const { accountId, sessionId } = context.principal;
    const disableProtection = input.disableProtection === true;
    if (input.code !== undefined && input.code !== null) {
      await this.rateLimits.consume(['verification-address', context.meta.ip], ['attempts-account', accountId]);
    }
    const write = await this.accounts.run(accountId, context, (state, now) => ({
      type: 'RemoveAuthenticator',
      now,
      sessionId,
      authenticatorId: input.authenticatorId,
      disableProtection,
      proof: input.code ? this.secondFactor.proofOf(accountId, state, input.code, now, 'TOTP_ONLY') : null,
    }));
    return accountSecurityOf(write.state);
  }
}
