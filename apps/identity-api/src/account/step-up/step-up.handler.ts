import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { addSeconds, AccountState, FactorProof, Instant } from '@identity/domain';
import { SecretBox } from '@identity/security';
import { RateLimits } from '../../rate-limits/rate-limits.service';
import { AccountCommandRunner } from '../account-command-runner';
import { totpCodeProof } from '../totp-code-proof';
import { StepUpCommand } from './step-up.command';
import { StepUpPayload } from './step-up.input';

/**
 * A fresh second-factor proof on the acting session. The code is matched here as completeLogin
 * matches it (totpCodeProof); the domain decides whether its step is unspent. A wrong or replayed
 * code is recorded, counts towards the lock, and is answered INVALID_CODE.
 */
@CommandHandler(StepUpCommand)
export class StepUpHandler implements ICommandHandler<StepUpCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly accounts: AccountCommandRunner,
    private readonly secrets: SecretBox,
  ) {}

  async execute({ input, context }: StepUpCommand): Promise<StepUpPayload> {
    const { accountId, sessionId } = context.principal;
    await this.rateLimits.consume(['verification-address', context.meta.ip], ['attempts-account', accountId]);
    const write = await this.accounts.run(accountId, context, (state, now) => ({
      type: 'StepUp',
      now,
      sessionId,
      proof: this.proofOf(accountId, state, input.code, now),
    }));
    const stepped = write.events.find((e) => e.type === 'StepUpSucceeded');
    if (stepped?.type !== 'StepUpSucceeded') throw new Error('stepUp recorded no proof');
    const at = stepped.data.at;
    return { steppedUpAt: new Date(at), validUntil: new Date(addSeconds(at, this.accounts.policy.stepUpMaxAgeSeconds)) };
  }

  /** One branch per kind of code: a TOTP code today (a recovery code is one more). */
  private proofOf(accountId: string, state: AccountState, code: string, now: Instant): FactorProof | null {
    return totpCodeProof(this.secrets, accountId, state, code, now);
  }
}
