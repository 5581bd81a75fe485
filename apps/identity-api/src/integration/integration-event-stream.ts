import { IntegrationEvent, STREAM_CATEGORIES, streamEntityId, toIntegrationEvents, withPrimaryAccount } from '@identity/domain';
import { AllSubscription, EventStore, Position, positionToString, RecordedEvent } from '@identity/event-store';
import { PrimaryAccounts } from './primary-accounts';

/** The integration events of one domain event, which share its position. */
export interface IntegrationBatch {
  readonly position: Position;
  readonly events: IntegrationEvent[];
}

export interface IntegrationStreamOptions {
  /** Exclusive; omitted: from the first event. */
  readonly after?: Position;
  /** Which integration events to keep (types, account, a webhook's selection). */
  readonly accept?: (event: IntegrationEvent) => boolean;
  readonly retry?: { initialMs: number; maxMs: number };
}

export interface StreamLogger {
  warn(message: string): void;
}

const ACCOUNT_PREFIXES = [`${STREAM_CATEGORIES.account}-`];

/**
 * The integration events after a position, replayed from the store and then live, in position order,
 * as one batch per domain event that yields any. It rests on the store's catch-up subscription, so
 * there is no gap and no duplicate; when that subscription fails or ends by itself, it subscribes
 * again after the last domain event it read, with backoff. `return()` closes the store subscription
 * at once, also while a `next()` is waiting for a live event. A RAM user's events carry its primary
 * account's id (`primaryaccountid`, from `primaryAccounts`; a failed lookup reads the event again).
 */
export class IntegrationEventStream implements AsyncIterableIterator<IntegrationBatch> {
  private subscription: AllSubscription | null = null;
  private source: AsyncIterator<RecordedEvent> | null = null;
  private cursor: Position | undefined;
  private closed = false;
  private delayMs: number;
  private wakeFromPause: (() => void) | null = null;
  private readonly retry: { initialMs: number; maxMs: number };

  constructor(
    private readonly store: EventStore,
    private readonly options: IntegrationStreamOptions,
    private readonly logger: StreamLogger,
    private readonly primaryAccounts: PrimaryAccounts = new PrimaryAccounts(store),
  ) {
    this.cursor = options.after;
    this.retry = options.retry ?? { initialMs: 100, maxMs: 5000 };
    this.delayMs = this.retry.initialMs;
  }

  [Symbol.asyncIterator](): IntegrationEventStream {
    return this;
  }

  /** The position of the last domain event read (yielded or filtered out). */
  get position(): Position | undefined {
    return this.cursor;
  }

  async next(): Promise<IteratorResult<IntegrationBatch>> {
    while (!this.closed) {
      try {
        const step = await this.open().next();
        if (step.done) {
          if (this.closed) break;
          this.logger.warn('integration events: the store subscription ended; subscribing again');
          await this.restart();
          continue;
        }
        this.delayMs = this.retry.initialMs;
        const before = this.cursor;
        this.cursor = step.value.position;
        this.primaryAccounts.learn(step.value);
        const events = this.integrationEventsOf(step.value);
        if (events.length === 0) continue;
        try {
          return { done: false, value: { position: step.value.position, events: await this.withPrimaryAccount(step.value, events) } };
        } catch (error) {
          this.cursor = before;
          throw error;
        }
      } catch (error) {
        if (this.closed) break;
        this.logger.warn(`integration events: the store subscription failed (${(error as Error)?.name ?? 'error'}); subscribing again`);
        await this.restart();
      }
    }
    return { done: true, value: undefined };
  }

  async return(): Promise<IteratorResult<IntegrationBatch>> {
    this.closed = true;
    this.wakeFromPause?.();
    await this.drop();
    return { done: true, value: undefined };
  }

  private integrationEventsOf(recorded: RecordedEvent): IntegrationEvent[] {
    const events = toIntegrationEvents({
      id: recorded.id,
      streamId: recorded.streamId,
      type: recorded.type,
      data: recorded.data,
      position: positionToString(recorded.position),
      recordedAt: recorded.recordedAt.toISOString(),
    });
    const accept = this.options.accept;
    return accept ? events.filter(accept) : events;
  }

  private async withPrimaryAccount(recorded: RecordedEvent, events: IntegrationEvent[]): Promise<IntegrationEvent[]> {
    return withPrimaryAccount(events, await this.primaryAccounts.of(streamEntityId(recorded.streamId)));
  }

  private open(): AsyncIterator<RecordedEvent> {
    if (!this.source) {
      this.subscription = this.store.subscribeToAll({ after: this.cursor, streamPrefixes: ACCOUNT_PREFIXES });
      this.source = this.subscription[Symbol.asyncIterator]();
    }
    return this.source;
  }

  private async restart(): Promise<void> {
    await this.drop();
    const delay = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.retry.maxMs);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delay + Math.floor(Math.random() * delay * 0.2));
      this.wakeFromPause = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wakeFromPause = null;
  }

  private async drop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    this.source = null;
    try {
      await subscription?.close();
    } catch {
      // A failed subscription may fail to close as well; it is gone either way.
    }
  }
}
