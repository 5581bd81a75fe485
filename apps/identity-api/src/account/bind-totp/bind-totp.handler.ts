import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { matchTotpStep, SecretBox } from '@identity/security';
import { AccountCommandRunner } from '../account-command-runner';
import { accountSecurityOf } from '../account-security-payloads';
import { BindTotpCommand } from './bind-totp.command';
import { BindTotpPayload } from './bind-totp.input';
import { RateLimits } from '../../rate-limits/rate-limits.service';

/** Confirms the authenticator with a code from it; the accepted time step is recorded, so it cannot be used again. */
@CommandHandler(BindTotpCommand)
export class BindTotpHandler implements ICommandHandler<BindTotpCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly accounts: AccountCommandRunner,
    private readonly secrets: SecretBox,
  ) {}

  async execute({ input, context }: BindTotpCommand): Promise<BindTotpPayload> {
    const { accountId } = context.principal;
    await this.rateLimits.consume(['verification-address', context.meta.ip], ['attempts-account', accountId]);
    const write = await this.accounts.run(accountId, context, (state, now) => {
      const enrollment = state.enrollments[input.enrollmentId];
      const secret = enrollment ? this.secrets.decrypt(accountId, enrollment.secret) : null;
      return {
        type: 'BindTotp',
        now,
        sessionId: context.principal.sessionId,
        enrollmentId: input.enrollmentId,
        matchedTimeStep: secret ? matchTotpStep({ secret, code: input.code, at: new Date(now) }) : null,
      };
    });
    return { security: accountSecurityOf(write.state) };
  }
}
