import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { isLocked, loginAttemptDecider, loginAttemptStream, loginNameStream, secondFactorForLogon } from '@identity/domain';
import { EVENT_STORE, EventStore, handleCommand, SNAPSHOT_STORE, SnapshotStore } from '@identity/event-store';
import { CodeHasher, generateNumericCode, PasswordHasher } from '@identity/security';
import { actorOf } from '../../auth/principal';
import { RefusedError } from '../../graphql/refused.error';
import { CLOCK, Clock } from '../../infrastructure/clock';
import { AccountCommandRunner } from '../account-command-runner';
import { CodeDispatch } from '../code-dispatch';
import { loginNameKey, normalizeLoginName } from '../login-name-key';
import { LoginCommand } from './login.command';
import { LoginPayload } from './login.model';
import { LoginResultFactory } from './login-result';
import { RateLimits } from '../../rate-limits/rate-limits.service';

/**
 * Step 1 of a logon: the password. An unknown login name costs the same time as a wrong password
 * (a dummy hash is verified, and the attempt is appended as an event too) and gets the same answer.
 * Protection that covers LOGON answers with a challenge instead of a session. While the account is
 * locked the password is not checked at all: the lock refuses the attempt.
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
    @Inject(SNAPSHOT_STORE) private readonly snapshots: SnapshotStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: LoginCommand): Promise<LoginPayload> {
    const { input, context } = command;
    await this.rateLimits.consume(['logon-address', context.meta.ip], ['attempts-account', `name:${loginNameKey(input.loginName)}`]);
    const accountId = await this.findAccount(input.loginName);
    if (!accountId) return this.unknownLoginName(command);
    let code: string | null = null;
    const write = await this.accounts.run(accountId, context, async (state, now) => {
      // A claim whose registration never finished, or an erased account (its name stays claimed): as an unknown name.
      if (!state.exists || state.erased) return this.unknownLoginName(command);
      // A lock refuses the attempt whatever the password: no argon2 work for it.
      const passwordValid =
        !isLocked(state, now) && state.passwordHash !== null && (await this.passwords.verify(state.passwordHash, input.password));
      const challengeId = randomUUID();
      const method = secondFactorForLogon(state);
      code = method === 'SMS' || method === 'EMAIL' ? generateNumericCode() : null;
      return {
        type: 'Login',
        now,
        passwordValid,
        sessionId: randomUUID(),
        challengeId,
        challengeCodeHash: code === null ? null : this.codes.hash(challengeId, code),
      };
    });
    const challenge = write.events.find((e) => e.type === 'MfaChallengeIssued');
    if (challenge?.type === 'MfaChallengeIssued' && code !== null && challenge.data.method !== 'TOTP') {
      await this.dispatch.send(
        accountId,
        write.state,
        challenge.data.method,
        code,
        'LOGIN',
        new Date(challenge.data.expiresAt),
        context.meta.ip,
      );
    }
    return this.results.fromEvents(accountId, write.events);
  }

  private async unknownLoginName({ input, context }: LoginCommand): Promise<never> {
    await this.passwords.verifyAgainstDummy(input.password);
    // Keyed (HMAC under the master key): the stream id must not let anyone test guesses of the name.
    const key = this.codes.hash('unknown-login-name', normalizeLoginName(input.loginName)).slice(0, 40);
    await handleCommand(
      this.store,
      loginAttemptStream(key),
      loginAttemptDecider,
      () => ({
        type: 'RecordUnknownLoginName' as const,
        now: this.clock.now().toISOString(),
      }),
      {
        correlationId: context.meta.correlationId,
        causationId: null,
        actor: actorOf(context.principal),
        ip: context.meta.ip,
        userAgent: context.meta.userAgent,
      },
      { snapshots: this.snapshots },
    );
    throw new RefusedError({ code: 'INVALID_CREDENTIALS' });
  }

  private async findAccount(loginName: string): Promise<string | null> {
    const claim = await this.store.readStream(loginNameStream(loginNameKey(loginName)));
    return claim[0] ? String(claim[0].data.accountId) : null;
  }
}
