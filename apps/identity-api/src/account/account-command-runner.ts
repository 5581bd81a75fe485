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
import { EVENT_STORE, EventStore, handleCommand, SNAPSHOT_STORE, SnapshotStore } from '@identity/event-store';
import { APP_CONFIG, AppConfig } from '@identity/config';
import { CLOCK, Clock } from '../infrastructure/clock';
import { liveStatesOf, loadAccountState } from '../infrastructure/account-state';
import { actorOf, RequestContext } from '../auth/principal';
import { RefusedError } from '../graphql/refused.error';
import { LockRefusalTally } from './lock-refusal-tally';
import { KeyedQueue } from './keyed-queue';
import { recordAcknowledgedWrite } from '../infrastructure/acknowledged-writes';

/** Re-runs after another process won the race for a stream's revision, each after a short random pause. */
const CONFLICT_RETRIES = 10;
const retryPause = () => new Promise<void>((resolve) => setTimeout(resolve, 2 + Math.random() * 18));

export interface RunOptions {
  /** The password step's address key: its refusal of a locked address appends nothing and is answered from the state. */
  addressKey?: string;
  /**
   * Sending the same request again is harmless and completes it (a new logon, a new code, an erasure
   * step that is skipped once done): an error after this write keeps its code, which invites the
   * retry. Otherwise the write is recorded, and such an error becomes WRITE_ACKNOWLEDGED.
   */
  retrySafe?: boolean;
}

export interface AccountWrite {
  accountId: string;
  state: AccountState;
  events: AccountEvent[];
}

/**
 * Runs one command against an account stream: read, fold, build the command (I/O and crypto happen
 * in `build`, with the current state and time), decide, append with the expected revision, retry on
 * a conflict. The fold starts from the state this process last folded the account to (checked
 * against the chain like any snapshot), and the new state is kept for the next. Commands on one
 * account run one at a time in this process (a keyed queue), so parallel requests never conflict here; a conflict with another process is retried after a short random
 * pause. Slow work (argon2) belongs before `run`, against a state from `load`, so that the queue
 * holds only fast steps (docs/adr/0005-lockout.md). Security failures are appended first and thrown
 * after, as a RefusedError; every other error propagates as it is (the API maps them in one place,
 * graphql/api-error-mapping.ts). Each append is recorded for the mutation it serves, so that a
 * failure after it is answered WRITE_ACKNOWLEDGED (graphql/write-acknowledged.interceptor.ts).
 */
@Injectable()
export class AccountCommandRunner {
  readonly policy: SecurityPolicy;
  private readonly decider;
  private readonly queue = new KeyedQueue();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SNAPSHOT_STORE) private readonly snapshots: SnapshotStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly refusals: LockRefusalTally,
  ) {
    this.policy = {
      ...DEFAULT_SECURITY_POLICY,
      lockoutThreshold: config.lockoutThreshold,
      lockoutSeconds: config.lockoutSeconds,
      ...config.lockout,
      sessionSeconds: config.sessionTtlSeconds,
      stepUpMaxAgeSeconds: config.stepUpMaxAgeSeconds,
      rememberedDeviceMaxSeconds: config.rememberedDeviceMaxSeconds,
    };
    this.decider = accountDecider(this.policy);
  }

  run(
    accountId: string,
    context: RequestContext,
    build: (state: AccountState, now: Instant) => AccountCommand | Promise<AccountCommand>,
    options: RunOptions = {},
  ): Promise<AccountWrite> {
    return this.queue.run(accountStream(accountId), () => this.runNow(accountId, context, build, options));
  }

  /** Runs `task` in the queue of `streamId` (for other streams written per account, such as unknown login names). */
  serialized<T>(streamId: string, task: () => Promise<T>): Promise<T> {
    return this.queue.run(streamId, task);
  }

  private async runNow(
    accountId: string,
    context: RequestContext,
    build: (state: AccountState, now: Instant) => AccountCommand | Promise<AccountCommand>,
    options: RunOptions,
  ): Promise<AccountWrite> {
    let now: Instant = this.clock.now().toISOString();
    let runs = 0;
    const result = await handleCommand(
      this.store,
      accountStream(accountId),
      this.decider,
      async (state: AccountState) => {
        if (runs++ > 0) await retryPause();
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
      // From the state this process last folded the account to, and the new state kept for the next
      // command (snapshotEvery 1: the live states decide when the persisted store gets one).
      { snapshots: liveStatesOf(this.snapshots), snapshotEvery: 1, maxRetries: CONFLICT_RETRIES },
    );
    if (!options.retrySafe) recordAcknowledgedWrite(accountStream(accountId), result.eventIds, result.position);
    const failure = failureIn(result.newEvents, { state: result.state, now, addressKey: options.addressKey ?? null });
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
  load(accountId: string, options: { force?: boolean } = {}): Promise<AccountState> {
    return loadAccountState(this.store, this.snapshots, accountId, options);
  }
}

/** Rewrites the account's snapshot from its stream now (after an erasure: no old state stays in the cache). */
export async function refreshAccountSnapshot(runner: AccountCommandRunner, accountId: string): Promise<void> {
  await runner.load(accountId, { force: true });
}

export function isDomainError(error: unknown, code: DomainError['code']): boolean {
  return error instanceof DomainError && error.code === code;
}
