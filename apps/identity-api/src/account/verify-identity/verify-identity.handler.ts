import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CodeHasher } from '@identity/security';
import { accountSecurityOf } from '../account-security-payloads';
import { AccountCommandRunner } from '../account-command-runner';
import { VerifyIdentityCommand } from './verify-identity.command';
import { VerifyIdentityPayload } from './verify-identity.input';
import { RateLimits } from '../../rate-limits/rate-limits.service';
import { CodeDispatch } from '../code-dispatch';

@CommandHandler(VerifyIdentityCommand)
export class VerifyIdentityHandler implements ICommandHandler<VerifyIdentityCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly dispatch: CodeDispatch,
    private readonly accounts: AccountCommandRunner,
    private readonly codes: CodeHasher,
  ) {}

  async execute({ input, context }: VerifyIdentityCommand): Promise<VerifyIdentityPayload> {
    const { accountId } = context.principal;
    await this.rateLimits.consume(['verification-address', context.meta.ip], ['attempts-account', accountId]);
    const write = await this.accounts.run(accountId, context, (_state, now) => ({
      type: 'VerifyIdentity',
      now,
      sessionId: context.principal.sessionId,
      verificationId: input.verificationId,
      codeHash: this.codes.hash(input.verificationId, input.code),
    }));
    await this.dispatch.codeAnswered(accountId);
    return { verified: true, security: accountSecurityOf(write.state) };
  }
}
