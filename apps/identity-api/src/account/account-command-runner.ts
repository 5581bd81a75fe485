import { Inject, Injectable } from '@nestjs/common';
import {
  AccountCommand, accountDecider, AccountEvent, AccountState, accountStream, DomainError, failureIn, Instant, SecurityPolicy,
  DEFAULT_SECURITY_POLICY,
} from '@identity/domain';
import {
  EVENT_STORE, EventStore, foldStream, handleCommand, Position, saveSnapshotIfDue, SNAPSHOT_STORE, SnapshotStore,
} from '@identity/event-store';
import { APP_CONFIG, AppConfig } from '@identity/config';
import { CLOCK, Clock } from '../infrastructure/clock';
import { actorOf, RequestContext } from '../auth/principal';
import { apiError } from '../graphql/api-error';
import { toApiError } from './to-api-error';

export interface AccountWrite {
  accountId: string;
  state: AccountState;
  events: AccountEvent[];
  /** Where the last new event landed, for read-your-writes; null when nothing was appended. */
  position: Position | null;
}

/**
 * Runs one command against an account stream: read, fold, build the command (I/O and crypto happen
 * in `build`, with the current state and time), decide, append with the expected revision, retry on
 * a conflict. Security failures are appended first and reported after, as the contract's codes.
 */
@Injectable()
export class AccountCommandRunner {
  readonly policy: SecurityPolicy;
  private readonly decider;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SNAPSHOT_STORE) private readonly snapshots: SnapshotStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = { ...DEFAULT_SECURITY_POLICY, lockoutThreshold: config.lockoutThreshold, lockoutSeconds: config.lockoutSeconds };
    this.decider = accountDecider(this.policy);
  }

  async run(
    accountId: string,
    context: RequestContext,
    build: (state: AccountState, now: Instant) => AccountCommand | Promise<AccountCommand>,
  ): Promise<AccountWrite> {
    let result;
    let now: Instant = this.clock.now().toISOString();
    try {
      result = await handleCommand(
        this.store, accountStream(accountId), this.decider,
        (state: AccountState) => {
          now = this.clock.now().toISOString();
          return build(state, now);
        },
        {
          correlationId: context.meta.correlationId, causationId: null, actor: actorOf(context.principal),
          ip: context.meta.ip, userAgent: context.meta.userAgent,
        },
        { snapshots: this.snapshots },
      );
    } catch (error) {
      throw toApiError(error);
    }
    const failure = failureIn(result.newEvents, { state: result.state, now });
    if (failure?.code === 'ACCOUNT_LOCKED') {
      throw apiError('ACCOUNT_LOCKED', 'too many failed attempts: the account is locked for a while', { lockedUntil: failure.lockedUntil });
    }
    if (failure?.code === 'INVALID_CREDENTIALS') throw apiError('INVALID_CREDENTIALS', 'wrong login name or password');
    if (failure?.code === 'INVALID_CODE') throw apiError('INVALID_CODE', 'the code is wrong, expired or already used');
    return { accountId, state: result.state, events: result.newEvents, position: result.position };
  }

  /** The current state of an account, for reads that must not wait for a projection (from its snapshot on). */
  async load(accountId: string): Promise<AccountState> {
    const streamId = accountStream(accountId);
    const folded = await foldStream(this.store, streamId, this.decider, this.snapshots);
    await saveSnapshotIfDue(streamId, this.decider, { snapshots: this.snapshots }, folded);
    return folded.state;
  }
}

export function isDomainError(error: unknown, code: DomainError['code']): boolean {
  return error instanceof DomainError && error.code === code;
}
