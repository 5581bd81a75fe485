import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { addSeconds, DomainError, loginNameStream } from '@identity/domain';
import { EVENT_STORE, EventStore } from '@identity/event-store';
import { CodeHasher, generateNumericCode } from '@identity/security';
import { VerificationChannelEnum } from '../../graphql/graphql-enums';
import { CLOCK, Clock } from '../../infrastructure/clock';
import { RateLimits } from '../../rate-limits/rate-limits.service';
import { AccountCommandRunner } from '../account-command-runner';
import { CodeDispatch } from '../code-dispatch';
import { ChallengeIds } from '../login/challenge-id';
import { loginNameKey } from '../login-name-key';
import { RequestPasswordResetCommand } from './request-password-reset.command';
import { RequestPasswordResetPayload } from './request-password-reset.input';

/** What the answer says of the destination: the channel only, the same for every account and for none. */
const DESTINATION: Record<VerificationChannelEnum, string> = {
  [VerificationChannelEnum.SMS]: "the account's phone",
  [VerificationChannelEnum.EMAIL]: "the account's email address",
};

/** Accounts that get no code, answered exactly as an unknown name: none or erased, no such destination, disabled. */
const ANSWERED_AS_UNKNOWN: ReadonlySet<string> = new Set(['ACCOUNT_NOT_FOUND', 'INVALID_REQUEST', 'ACCOUNT_DISABLED']);

/**
 * A forgotten password (public). The answer is the same whether the name exists, has that
 * destination, is locked, erased or disabled: a verification id of the same form (it names the account, or
 * random ids), the channel, the expiry. Both paths count the client address and a cool-down per
 * name first; the code goes out in the background (CodeDispatch.sendUnobserved), so neither the
 * delivery's time nor its failure shows.
 */
@CommandHandler(RequestPasswordResetCommand)
export class RequestPasswordResetHandler implements ICommandHandler<RequestPasswordResetCommand> {
  constructor(
    private readonly challengeIds: ChallengeIds,
    private readonly rateLimits: RateLimits,
    private readonly accounts: AccountCommandRunner,
    private readonly codes: CodeHasher,
    private readonly dispatch: CodeDispatch,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ input, context }: RequestPasswordResetCommand): Promise<RequestPasswordResetPayload> {
    const nameKey = loginNameKey(input.loginName);
    await this.rateLimits.consume(['code-sends-address', context.meta.ip], ['code-cooldown', `password-reset:${nameKey}`]);
    const code = generateNumericCode();
    const claim = await this.store.readStream(loginNameStream(nameKey));
    const accountId = claim[0] ? String(claim[0].data.accountId) : null;
    const started = accountId ? await this.start(accountId, input.verifyBy, code, context) : null;
    const verificationId = started?.verificationId ?? this.challengeIds.encode(randomUUID(), randomUUID());
    const expiresAt = started?.expiresAt ?? addSeconds(this.clock.now().toISOString(), this.accounts.policy.verificationCodeSeconds);
    return {
      verification: {
        verificationId,
        channel: input.verifyBy,
        maskedDestination: DESTINATION[input.verifyBy],
        expiresAt: new Date(expiresAt),
      },
    };
  }

  /** Records the verification and sends its code; null when the account cannot take one (none, erased, disabled, no such destination). */
  private async start(
    accountId: string,
    channel: VerificationChannelEnum,
    code: string,
    context: RequestPasswordResetCommand['context'],
  ): Promise<{ verificationId: string; expiresAt: string } | null> {
    try {
      const write = await this.accounts.run(accountId, context, (_state, now) => {
        const verificationId = randomUUID();
        return { type: 'RequestPasswordReset', now, verificationId, channel, codeHash: this.codes.hash(verificationId, code) };
      });
      const event = write.events.find((e) => e.type === 'IdentityVerificationStarted');
      if (event?.type !== 'IdentityVerificationStarted') return null;
      this.dispatch.sendUnobserved(accountId, write.state, channel, code, 'PASSWORD_RESET', new Date(event.data.expiresAt));
      return { verificationId: this.challengeIds.encode(accountId, event.data.verificationId), expiresAt: event.data.expiresAt };
    } catch (error) {
      if (error instanceof DomainError && ANSWERED_AS_UNKNOWN.has(error.code)) return null;
      throw error;
    }
  }
}
