import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CodeHasher, PasswordHasher } from '@identity/security';
import { RefusedError } from '../../graphql/refused.error';
import { RateLimits } from '../../rate-limits/rate-limits.service';
import { AccountCommandRunner } from '../account-command-runner';
import { CodeDispatch } from '../code-dispatch';
import { ChallengeIds } from '../login/challenge-id';
import { SecondFactorProofs } from '../second-factor/second-factor-proofs';
import { ResetPasswordCommand } from './reset-password.command';

/**
 * Sets a new password with the code of requestPasswordReset and, when the account's protection
 * covers logon, its second factor (matched by SecondFactorProofs, judged by the domain's
 * checkSecondFactor: the same as a logon asks), so a reset is never an MFA bypass. Every wrong code
 * is recorded and counts towards the lock; an id that names no account is INVALID_CODE as well.
 */
@CommandHandler(ResetPasswordCommand)
export class ResetPasswordHandler implements ICommandHandler<ResetPasswordCommand> {
  constructor(
    private readonly challengeIds: ChallengeIds,
    private readonly rateLimits: RateLimits,
    private readonly accounts: AccountCommandRunner,
    private readonly passwords: PasswordHasher,
    private readonly codes: CodeHasher,
    private readonly factors: SecondFactorProofs,
    private readonly dispatch: CodeDispatch,
  ) {}

  async execute({ input, context }: ResetPasswordCommand): Promise<boolean> {
    await this.rateLimits.consume(['verification-address', context.meta.ip]);
    const reference = this.challengeIds.decode(input.verificationId);
    if (!reference) throw new RefusedError({ code: 'INVALID_CODE' });
    const { accountId, challengeId: verificationId } = reference;
    await this.rateLimits.consume(['attempts-account', accountId]);
    const newPasswordHash = await this.passwords.hash(input.newPassword);
    const write = await this.accounts.run(accountId, context, (state, now) => {
      if (!state.exists || state.erased) throw new RefusedError({ code: 'INVALID_CODE' });
      // A recovery code stands in for the TOTP code, as at logon.
      const secondFactor = input.secondFactor
        ? this.factors.proofOf(accountId, state, input.secondFactor, now, 'TOTP_OR_RECOVERY_CODE')
        : null;
      return {
        type: 'ResetPassword',
        now,
        verificationId,
        codeHash: this.codes.hash(verificationId, input.code),
        newPasswordHash,
        secondFactor,
      };
    });
    // The right code of a verification used already changes nothing: refused like a wrong one.
    if (!write.events.some((e) => e.type === 'PasswordChanged')) throw new RefusedError({ code: 'INVALID_CODE' });
    await this.dispatch.codeAnswered(accountId);
    return true;
  }
}
