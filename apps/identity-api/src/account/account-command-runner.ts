import { Inject, Injectable } from '@nestjs/common';
import {
  AccountCommand,
  accountDecider,
  AccountEvent,
  AccountState,
  accountStream,
  DomainError,
  failureIn,
  Instant,
  SecurityPolicy,
  DEFAULT_SECURITY_POLICY,
} from '@identity/domain';
import {
  EVENT_STORE,
  EventStore,
  foldStream,
  handleCommand,
  saveSnapshotIfDue,
  SNAPSHOT_STORE,
  SnapshotStore,
} from '@identity/event-store';
import { APP_CONFIG, AppConfig } from '@identity/config';
import { CLOCK, Clock } from '../infrastructure/clock';
import { actorOf, RequestContext } from '../auth/principal';
import { RefusedError } from '../graphql/refused.error';
import { LockRefusalTally } from './lock-refusal-tally';

export interface AccountWrite {
  accountId: string;
  state: AccountState;
  events: AccountEvent[];
}

/**
 * Runs one command against an account stream: read, fold, build the command (I/O and crypto happen
 * in `build`, with the current state and time), decide, append with the expected revision, retry on
 * a conflict. Security failures are appended first and thrown after, as a RefusedError; every
 * other error propagates as it is (the API maps them in one place, graphql/api-error-mapping.ts).
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
    private readonly refusals: LockRefusalTally,
  ) {
    this.policy = { ...DEFAULT_SECURITY_POLICY, lockoutThreshold: config.lockoutThreshold, lockoutSeconds: config.lockoutSeconds };
    this.decider = accountDecider(this.policy);
  }

  async run(
    accountId: string,
    context: RequestContext,
    build: (state: AccountState, now: Instant) => AccountCommand | Promise<AccountCommand>,
  ): Promise<AccountWrite> {
    let now: Instant = this.clock.now().toISOString();
    const result = await handleCommand(
      this.store,
      accountStream(accountId),
      this.decider,
      async (state: AccountState) => {
        now = this.clock.now().toISOString();
        return this.refusals.attach(accountId, state, await build(state, now));
      },
      {
        correlationId: context.meta.correlationId,
        causationId: null,
        actor: actorOf(context.principal),
        ip: context.meta.ip,
        userAgent: context.meta.userAgent,
      },
      { snapshots: this.snapshots },
    );
    const failure = failureIn(result.newEvents, { state: result.state, now });
    this.refusals.record(accountId, {
      state: result.state,
      events: result.newEvents,
      refusedByLock: failure?.code === 'ACCOUNT_LOCKED',
      now,
      ip: context.meta.ip,
    });
    if (failure) throw new RefusedError(failure);
    return { accountId, state: result.state, events: result.newEvents };
  }

  /**
   * The current state of an account, for reads that must not wait for a projection (from its snapshot
   * on). `force`: save the snapshot now, whether due or not.
   */
  async load(accountId: string, options: { force?: boolean } = {}): Promise<AccountState> {
    const streamId = accountStream(accountId);
    const folded = await foldStream(this.store, streamId, this.decider, this.snapshots);
    await saveSnapshotIfDue(streamId, this.decider, { snapshots: this.snapshots, ...(options.force ? { snapshotEvery: 0 } : {}) }, folded);
    return folded.state;
  }
}

/** Rewrites the account's snapshot from its stream now (after an erasure: no old state stays in the cache). */
export async function refreshAccountSnapshot(runner: AccountCommandRunner, accountId: string): Promise<void> {
  await runner.load(accountId, { force: true });
}

export function isDomainError(error: unknown, code: DomainError['code']): boolean {
  return error instanceof DomainError && error.code === code;
}
