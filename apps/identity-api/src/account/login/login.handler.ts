import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { loginAttemptDecider, loginAttemptStream, loginNameStream, secondFactorForLogon } from '@identity/domain';
import { EVENT_STORE, EventStore, handleCommand } from '@identity/event-store';
import { CodeHasher, generateNumericCode, PasswordHasher } from '@identity/security';
import { actorOf } from '../../auth/principal';
import { apiError } from '../../graphql/api-error';
import { CLOCK, Clock } from '../../infrastructure/clock';
import { AccountCommandRunner } from '../account-command-runner';
import { CodeDispatch } from '../code-dispatch';
import { loginNameKey, normalizeLoginName } from '../login-name-key';
import { toApiError } from '../to-api-error';
import { LoginCommand } from './login.command';
import { LoginPayload } from './login.model';
import { LoginResultFactory } from './login-result';
import { RateLimits } from '../../rate-limits/rate-limits.service';

/**
 * Step 1 of a logon: the password. An unknown login name costs the same time as a wrong password
 * (a dummy hash is verified, and the attempt is appended as an event too) and gets the same answer. Protection that covers LOGON answers with a challenge instead of a session.
 */
@CommandHandler(LoginCommand)
export class LoginHandler implements ICommandHandler<LoginCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly accounts: AccountCommandRunner,
    private readonly passwords: PasswordHasher,
    private readonly codes: CodeHasher,
    private readonly dispatch: CodeDispatch,
    private readonly results: LoginResultFactory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: LoginCommand): Promise<LoginPayload> {
    const { input, context } = command;
    await this.rateLimits.consume(['logon-address', context.meta.ip], ['attempts-account', `name:${loginNameKey(input.loginName)}`]);
    const accountId = await this.findAccount(input.loginName);
    if (!accountId) return this.unknownLoginName(command);
    let code: string | null = null;
    const write = await this.accounts.run(accountId, context, async (state, now) => {
      if (!state.exists) return this.unknownLoginName(command); // a claim whose registration never finished
      const passwordValid = state.passwordHash !== null && await this.passwords.verify(state.passwordHash, input.password);
      const challengeId = randomUUID();
      const method = secondFactorForLogon(state);
      code = method === 'SMS' || method === 'EMAIL' ? generateNumericCode() : null;
      return {
        type: 'Login', now, passwordValid, sessionId: randomUUID(), challengeId,
        challengeCodeHash: code === null ? null : this.codes.hash(challengeId, code),
      };
    });
    const challenge = write.events.find((e) => e.type === 'MfaChallengeIssued');
    if (challenge?.type === 'MfaChallengeIssued' && code !== null && challenge.data.method !== 'TOTP') {
      await this.dispatch.send(accountId, write.state, challenge.data.method, code, 'LOGIN', new Date(challenge.data.expiresAt), context.meta.ip);
    }
    return this.results.fromEvents(accountId, write.events);
  }

  private async unknownLoginName({ input, context }: LoginCommand): Promise<never> {
    await this.passwords.verifyAgainstDummy(input.password);
    // Keyed (HMAC under the master key): the stream id must not let anyone test guesses of the name.
    const key = this.codes.hash('unknown-login-name', normalizeLoginName(input.loginName)).slice(0, 40);
    try {
      await handleCommand(this.store, loginAttemptStream(key), loginAttemptDecider, () => ({
        type: 'RecordUnknownLoginName' as const, now: this.clock.now().toISOString(),
      }), {
        correlationId: context.meta.correlationId, causationId: null, actor: actorOf(context.principal),
        ip: context.meta.ip, userAgent: context.meta.userAgent,
      });
    } catch (error) {
      throw toApiError(error);
    }
    throw apiError('INVALID_CREDENTIALS', 'wrong login name or password');
  }

  private async findAccount(loginName: string): Promise<string | null> {
    try {
      const claim = await this.store.readStream(loginNameStream(loginNameKey(loginName)));
      return claim[0] ? String(claim[0].data.accountId) : null;
    } catch (error) {
      throw toApiError(error);
    }
  }
}
