import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { accountStream, DomainError, loginNameDecider, loginNameStream } from '@identity/domain';
import { EVENT_STORE, EventStore, handleCommand } from '@identity/event-store';
import { maskEmail, maskPhone, PasswordHasher, SecretBox } from '@identity/security';
import { CLOCK, Clock } from '../../infrastructure/clock';
import { actorOf } from '../../auth/principal';
import { AccountCommandRunner, isDomainError } from '../account-command-runner';
import { loginNameKey } from '../login-name-key';
import { loginSkeletonStream } from '../login-name-skeleton';
import { RegisterAccountCommand } from './register-account.command';
import { RateLimits } from '../../rate-limits/rate-limits.service';

/**
 * Claims the login name in its own stream, then records the account. A claim whose account was
 * never written (a registration that failed half-way and was never acknowledged) is completed by
 * the next registration of that name instead of blocking it forever.
 */
@CommandHandler(RegisterAccountCommand)
export class RegisterAccountHandler implements ICommandHandler<RegisterAccountCommand> {
  constructor(
    private readonly rateLimits: RateLimits,
    private readonly accounts: AccountCommandRunner,
    private readonly passwords: PasswordHasher,
    private readonly secrets: SecretBox,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: RegisterAccountCommand): Promise<{ accountId: string }> {
    await this.rateLimits.consume(['registration-address', context.meta.ip]);
    const passwordHash = await this.passwords.hash(input.password);
    const accountId = await this.claimLoginName(input.loginName, randomUUID(), context);
    await this.claimSkeleton(input.loginName, accountId, context);
    try {
      await this.accounts.run(accountId, context, (_state, now) => ({
        type: 'RegisterAccount',
        now,
        accountId,
        loginName: input.loginName,
        passwordHash,
        primaryAccountId: null,
        email: input.email ? this.secrets.encrypt(accountId, input.email) : null,
        maskedEmail: input.email ? maskEmail(input.email) : null,
        phone: input.phone ? this.secrets.encrypt(accountId, input.phone) : null,
        maskedPhone: input.phone ? maskPhone(input.phone) : null,
      }));
    } catch (error) {
      // Another registration completed the same unfinished claim first.
      if (isDomainError(error, 'ACCOUNT_EXISTS')) throw taken();
      throw error;
    }
    return { accountId };
  }

  private async claimSkeleton(loginName: string, accountId: string, context: RegisterAccountCommand['context']): Promise<void> {
    const owner = await claimSkeletonStream(
      this.store,
      loginSkeletonStream(loginName),
      () => ({ type: 'ClaimLoginName' as const, loginName, accountId, now: this.clock.now().toISOString() }),
      {
        correlationId: context.meta.correlationId,
        causationId: null,
        actor: actorOf(context.principal),
        ip: context.meta.ip,
        userAgent: context.meta.userAgent,
      },
    );
    if (owner !== accountId) throw lookAlike();
  }

  private async claimLoginName(loginName: string, candidate: string, context: RegisterAccountCommand['context']): Promise<string> {
    const streamId = loginNameStream(loginNameKey(loginName));
    try {
      const result = await handleCommand(
        this.store,
        streamId,
        loginNameDecider,
        () => ({ type: 'ClaimLoginName' as const, loginName, accountId: candidate, now: this.clock.now().toISOString() }),
        {
          correlationId: context.meta.correlationId,
          causationId: null,
          actor: actorOf(context.principal),
          ip: context.meta.ip,
          userAgent: context.meta.userAgent,
        },
      );
      return result.state.accountId ?? candidate;
    } catch (error) {
      if (!isDomainError(error, 'LOGIN_NAME_TAKEN')) throw error;
      const claim = await this.store.readStream(streamId);
      const owner = String(claim[0]?.data.accountId ?? '');
      const ownerEvents = owner ? await this.store.readStream(accountStream(owner)) : [];
      if (!owner || ownerEvents.length > 0) throw taken();
      return owner;
    }
  }
}

/**
 * Look-alikes: the name's TR 39 skeleton is claimed in a `loginskeleton-<digest>` stream (one
 * LoginNameClaimed event, the same decider as the name itself), so `аdmin` is refused once `admin`
 * exists. Names registered before skeletons were claimed have none.
 */
async function claimSkeletonStream(
  store: EventStore,
  streamId: string,
  command: () => { type: 'ClaimLoginName'; loginName: string; accountId: string; now: string },
  meta: Parameters<typeof handleCommand>[4],
): Promise<string | null> {
  try {
    const result = await handleCommand(store, streamId, loginNameDecider, command, meta);
    return result.state.accountId;
  } catch (error) {
    if (!isDomainError(error, 'LOGIN_NAME_TAKEN')) throw error;
    const claim = await store.readStream(streamId);
    return String(claim[0]?.data.accountId ?? '');
  }
}

const lookAlike = () => new DomainError('LOGIN_NAME_TAKEN', 'loginName: this login name looks like one that is taken', 'loginName');

const taken = () => new DomainError('LOGIN_NAME_TAKEN', 'loginName: this login name is taken', 'loginName');
