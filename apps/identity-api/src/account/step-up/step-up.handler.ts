import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { addSeconds } from '@identity/domain';
import { RateLimits } from '../../rate-limits/rate-limits.service';
import { AccountCommandRunner } from '../account-command-runner';
import { SecondFactorProofs } from '../second-factor/second-factor-proofs';
import { StepUpCommand } from './step-up.command';
import { StepUpPayload } from './step-up.input';

/**
 * A fresh second-factor proof on the acting session: a TOTP code or a recovery code, matched here as
 * completeLogin matches it (SecondFactorProofs); the domain decides whether it is unspent. A wrong or
 * replayed code is recorded, counts towards the lock, and is answered INVALID_CODE.
 */
@CommandHandler(StepUpCommand)
export class StepUpHandler implements ICommandHandler<StepUpCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly accounts: AccountCommandRunner,
    private readonly secondFactor: SecondFactorProofs,
  ) {}

  async execute({ input, context }: StepUpCommand): Promise<StepUpPayload> {
    const { accountId, sessionId } = context.principal;
    await this.rateLimits.consume(['verification-address', context.meta.ip], ['attempts-account', accountId]);
    const write = await this.accounts.run(accountId, context, (state, now) => ({
      type: 'StepUp',
      now,
      sessionId,
      proof: this.secondFactor.proofOf(accountId, state, input.code, now),
    }));
    const stepped = write.events.find((e) => e.type === 'StepUpSucceeded');
    if (stepped?.type !== 'StepUpSucceeded') throw new Error('stepUp recorded no proof');
    const at = stepped.data.at;
    return { steppedUpAt: new Date(at), validUntil: new Date(addSeconds(at, this.accounts.policy.stepUpMaxAgeSeconds)) };
  }
}
