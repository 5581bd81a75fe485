import { AllSubscription, Position, RecordedEvent } from '../event-store.port';
import { advanceCursor, PageReader } from '../reading/event-page';

export interface CatchUpSource {
  /** Reads the next page of matching events (the adapter applies the stream filter). */
  readonly readPage: PageReader;
  /** Registers a callback for "something was appended here"; returns the unregistration. */
  readonly onAppend?: (listener: () => void) => () => void;
  /** Also look for new events this often (appends by other processes). Omitted: wake-ups only. */
  readonly pollIntervalMs?: number;
  readonly pageSize: number;
  /** Called once when the subscription ends, however it ends. */
  readonly onEnd?: () => void;
}

/**
 * The shared "catch-up then live" subscription: it reads pages after its cursor until a page is
 * empty, then sleeps until a wake-up (a local append) or the poll timer, and reads again. As the
 * cursor only moves forward over events already delivered, there is no gap and no duplicate,
 * provided the adapter's positions become visible in order (true of a single-writer sequence).
 *
 * `close()` ends the iteration: a pending `next()` resolves `{ done: true }`. A read error makes
 * the iteration throw. The iterator is single-use: `[Symbol.asyncIterator]()` returns the same one.
 */
export class CatchUpSubscription implements AllSubscription {
  private closed = false;
  private ended = false;
  private woken = false;
  private wakeWaiter: (() => void) | null = null;
  private readonly iterator: AsyncGenerator<RecordedEvent, void, undefined>;

  constructor(
    private readonly source: CatchUpSource,
    after: Position | undefined,
  ) {
    this.iterator = this.run(after);
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.iterator;
  }

  /** Tells the subscription that new events may be there. Cheap; safe to call at any time. */
  wake(): void {
    this.woken = true;
    const waiter = this.wakeWaiter;
    this.wakeWaiter = null;
    waiter?.();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake();
    // Resolves at once when the generator is idle; after the pending next() when one is running.
    await this.iterator.return(undefined);
    this.end();
  }

  private async *run(after: Position | undefined): AsyncGenerator<RecordedEvent, void, undefined> {
    const unregister = this.source.onAppend?.(() => this.wake());
    try {
      let cursor = after;
      while (!this.closed) {
        this.woken = false;
        const page = await this.source.readPage(cursor, this.source.pageSize);
        const next = advanceCursor(cursor, page);
        for (const event of page.events) {
          if (this.closed) return;
          yield event;
        }
        cursor = next;
        if (page.events.length === 0 && !this.woken && !this.closed) await this.sleep();
      }
    } finally {
      unregister?.();
      this.end();
    }
  }

  private sleep(): Promise<void> {
    return new Promise<void>((resolve) => {
      const interval = this.source.pollIntervalMs;
      const timer = interval === undefined ? undefined : setTimeout(() => this.wake(), interval);
      this.wakeWaiter = () => {
        if (timer !== undefined) clearTimeout(timer);
        resolve();
      };
    });
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.source.onEnd?.();
  }
}
