import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountState, loginNameStream, passwordRefusal } from '@identity/domain';
import { EVENT_STORE, EventStore } from '@identity/event-store';
import { CodeHasher, PasswordHasher } from '@identity/security';
import { CLOCK, Clock } from '../../infrastructure/clock';
import { AccountCommandRunner } from '../account-command-runner';
import { addressKeyOf } from '../address-key';
import { CodeDispatch } from '../code-dispatch';
import { loginNameKey } from '../login-name-key';
import { LoginCommand } from './login.command';
import { LoginPayload } from './login.model';
import { LoginResultFactory } from './login-result';
import { RateLimits } from '../../rate-limits/rate-limits.service';
import { UnknownLoginNameAttempts } from './unknown-login-name-attempts';
import { GoverningPreference } from '../logon-aids/governing-preference';
import { LogonStepFacts, PreparedLogonStep } from '../logon-aids/logon-step-facts';

/**
 * Step 1 of a logon: the password (docs/adr/0005-lockout.md). Attempts count per client address
 * (`addressKey`), and an unknown login name counts, costs and answers exactly as a wrong password:
 * INVALID_CREDENTIALS until the address's threshold, then ACCOUNT_LOCKED. An address the step
 * refuses gets no argon2 run. The password is verified once, before the account's command queue,
 * against the hash of a state read first; the command reuses that result while the hash is the
 * same, so queueing and conflict retries never run argon2 again. Protection that covers LOGON
 * answers with a challenge instead of a session; a second-factor lock refuses even the right password.
 * The preference that governs the account (its primary's, for a RAM user) may require MFA (an
 * enrollment when none is bound) and let a remembered device skip the code (docs/ram-users.md).
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
    private readonly unknownNames: UnknownLoginNameAttempts,
    private readonly preference: GoverningPreference,
    private readonly steps: LogonStepFacts,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(command: LoginCommand): Promise<LoginPayload> {
    const { input, context } = command;
    const addressKey = addressKeyOf(this.codes, context.meta.ip);
    // The name's bucket counts per address: one counted across all addresses would let anyone who
    // knows the name rate-limit its owner out. The bound across addresses is the lockout's cap.
    await this.rateLimits.consume(
      ['logon-address', context.meta.ip],
      ['attempts-account', `name:${loginNameKey(input.loginName)}:${addressKey}`],
    );
    const accountId = await this.findAccount(input.loginName);
    const before = accountId ? await this.accounts.load(accountId) : null;
    // A claim whose registration never finished, an erased account (its name stays claimed), or a
    // disabled RAM user is an unknown name too: the same answer, count and work.
    if (!accountId || !before?.exists || before.erased || before.disabled)
      return this.unknownNames.refuse(input.loginName, input.password, addressKey, context);
    const checked = await this.verifyOutsideQueue(before, addressKey, input.password);
    const preference = await this.preference.of(before);
    let step: PreparedLogonStep | null = null;
    const write = await this.accounts.run(
      accountId,
      context,
      async (state, now) => {
        const passwordValid =
          state.passwordHash === checked.hash && checked.valid !== null
            ? checked.valid
            : passwordRefusal(state.guard, addressKey, now) === null &&
              state.passwordHash !== null &&
              (await this.passwords.verify(state.passwordHash, input.password));
        step = this.steps.prepare(accountId, state, preference, input.rememberedDeviceToken);
        return { type: 'Login', now, passwordValid, ...step.facts, addressKey };
      },
      // A logon again is harmless: an error after this write (the code not sent) keeps its code.
      { addressKey, retrySafe: true },
    );
    const prepared = step as PreparedLogonStep | null;
    const challenge = write.events.find((e) => e.type === 'MfaChallengeIssued');
    if (challenge?.type === 'MfaChallengeIssued' && prepared?.code && challenge.data.method !== 'TOTP') {
      await this.dispatch.send(
        accountId,
        write.state,
        challenge.data.method,
        prepared.code,
        'LOGIN',
        new Date(challenge.data.expiresAt),
        context.meta.ip,
      );
    }
    return this.results.fromEvents(accountId, write.events, prepared?.reveals);
  }

  /** The one argon2 run of this logon, unless the step refuses the address (then `valid` is null: not checked). */
  private async verifyOutsideQueue(
    state: AccountState,
    addressKey: string,
    password: string,
  ): Promise<{ hash: string | null; valid: boolean | null }> {
    const hash = state.passwordHash;
    if (hash === null || passwordRefusal(state.guard, addressKey, this.clock.now().toISOString()) !== null) return { hash, valid: null };
    return { hash, valid: await this.passwords.verify(hash, password) };
  }

  private async findAccount(loginName: string): Promise<string | null> {
    const claim = await this.store.readStream(loginNameStream(loginNameKey(loginName)));
    return claim[0] ? String(claim[0].data.accountId) : null;
  }
}
