import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { CodeHasher, matchTotpStep, SecretBox } from '@identity/security';
import { apiError } from '../../graphql/api-error';
import { AccountCommandRunner } from '../account-command-runner';
import { decodeChallengeId } from '../login/challenge-id';
import { LoginPayload } from '../login/login.model';
import { LoginResultFactory } from '../login/login-result';
import { CompleteLoginCommand } from './complete-login.command';
import { RateLimits } from '../../rate-limits/rate-limits.service';
import { CodeDispatch } from '../code-dispatch';

/**
 * Step 2 of a logon: the second factor. The TOTP code is checked against the decrypted secret here;
 * the domain decides whether its time step is still unspent, and the append's expected revision makes
 * sure two requests racing with the same code cannot both win.
 */
@CommandHandler(CompleteLoginCommand)
export class CompleteLoginHandler implements ICommandHandler<CompleteLoginCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly dispatch: CodeDispatch,
    private readonly accounts: AccountCommandRunner,
    private readonly secrets: SecretBox,
    private readonly codes: CodeHasher,
    private readonly results: LoginResultFactory,
  ) {}

  async execute({ input, context }: CompleteLoginCommand): Promise<LoginPayload> {
    await this.rateLimits.consume(['logon-address', context.meta.ip]);
    const reference = decodeChallengeId(input.challengeId);
    if (!reference) throw apiError('INVALID_CODE', 'the code is wrong, expired or already used');
    const { accountId, challengeId } = reference;
    await this.rateLimits.consume(['attempts-account', accountId]);
    const write = await this.accounts.run(accountId, context, (state, now) => {
      if (!state.exists) throw apiError('INVALID_CODE', 'the code is wrong, expired or already used');
      const challenge = state.challenges[challengeId];
      const totpSecret = challenge?.method === 'TOTP' && state.totp ? this.secrets.decrypt(accountId, state.totp.secret) : null;
      return {
        type: 'CompleteLogin', now, challengeId, sessionId: randomUUID(),
        matchedTimeStep: totpSecret ? matchTotpStep({ secret: totpSecret, code: input.code, at: new Date(now) }) : null,
        codeHash: challenge && challenge.method !== 'TOTP' ? this.codes.hash(challengeId, input.code) : null,
      };
    });
    const result = await this.results.fromEvents(accountId, write.events);
    if (result.session) await this.dispatch.codeAnswered(accountId);
    return result;
  }
}
