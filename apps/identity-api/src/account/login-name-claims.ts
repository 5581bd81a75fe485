import { Inject, Injectable } from '@nestjs/common';
import { accountStream, DomainError, loginNameDecider, loginNameStream } from '@identity/domain';
import { EVENT_STORE, EventStore, handleCommand } from '@identity/event-store';
import { actorOf, RequestContext } from '../auth/principal';
import { CLOCK, Clock } from '../infrastructure/clock';
import { isDomainError } from './account-command-runner';
import { loginNameKey } from './login-name-key';
import { loginSkeletonStream } from './login-name-skeleton';

/**
 * Claims a whole login name for a new account (registerAccount, createRamUser): the name in its own
 * stream, then its look-alike skeleton. A claim whose account was never written (a creation that
 * failed half-way and was never acknowledged) is completed by the next creation of that name
 * instead of blocking it forever: the answer is then that claim's account id.
 */
@Injectable()
export class LoginNameClaims {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The account id the name is claimed for: `candidate`, or that of an unfinished claim; LOGIN_NAME_TAKEN otherwise. */
  async claim(loginName: string, candidate: string, context: RequestContext): Promise<string> {
    const accountId = await this.claimName(loginName, candidate, context);
    const owner = await this.claimStream(loginSkeletonStream(loginName), loginName, accountId, context);
    if (owner !== accountId) throw lookAlike();
    return accountId;
  }

  private async claimName(loginName: string, candidate: string, context: RequestContext): Promise<string> {
    const streamId = loginNameStream(loginNameKey(loginName));
    const owner = await this.claimStream(streamId, loginName, candidate, context);
    if (owner === candidate) return candidate;
    const ownerEvents = owner ? await this.store.readStream(accountStream(owner)) : [];
    if (!owner || ownerEvents.length > 0) throw taken();
    return owner;
  }

  /** The account the stream's claim names: `accountId` when this call claimed it. */
  private async claimStream(streamId: string, loginName: string, accountId: string, context: RequestContext): Promise<string> {
    try {
      const result = await handleCommand(
        this.store,
        streamId,
        loginNameDecider,
        () => ({ type: 'ClaimLoginName' as const, loginName, accountId, now: this.clock.now().toISOString() }),
        {
          correlationId: context.meta.correlationId,
          causationId: null,
          actor: actorOf(context.principal),
          ip: context.meta.ip,
          userAgent: context.meta.userAgent,
        },
      );
      return result.state.accountId ?? accountId;
    } catch (error) {
      if (!isDomainError(error, 'LOGIN_NAME_TAKEN')) throw error;
      const claim = await this.store.readStream(streamId);
      return String(claim[0]?.data.accountId ?? '');
    }
  }
}

const lookAlike = () => new DomainError('LOGIN_NAME_TAKEN', 'loginName: this login name looks like one that is taken', 'loginName');

export const taken = () => new DomainError('LOGIN_NAME_TAKEN', 'loginName: this login name is taken', 'loginName');
