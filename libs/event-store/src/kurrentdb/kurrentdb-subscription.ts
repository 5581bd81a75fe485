import { AllStreamResolvedEvent, AllStreamSubscription } from '@kurrent/kurrentdb-client';
import { AllSubscription, Position, RecordedEvent } from '../event-store.port';
import { comparePositions } from '../position';
import { translateReadError } from './kurrentdb-errors';
import { isWanted, toRecordedEvent } from './kurrentdb-event-mapping';

/** Events buffered before the client stream is paused (back-pressure up to the server). */
const HIGH_WATER = 256;
const LOW_WATER = 64;

export interface KurrentDbSubscriptionOptions {
  readonly after: Position | undefined;
  readonly streamPrefixes: readonly string[] | undefined;
  /** Called once when the subscription is over, however it ends. */
  readonly onEnd: () => void;
}

/**
 * The port's `AllSubscription` over a client subscription to `$all`. Iteration yields the events in
 * order; it ends when the caller closes it or the server ends the call normally, and throws when the
 * call fails (an unreachable server as `EventStoreUnavailableError`). It never resubscribes: the
 * caller does, from its checkpoint. Events at or before the last delivered position (or `after`)
 * are dropped, so a server that starts inclusively still gives no duplicate. The client's stream is
 * paused while the buffer is full.
 */
export class KurrentDbSubscription implements AllSubscription {
  private readonly buffer: RecordedEvent[] = [];
  private lastSeen: Position | undefined;
  private failure: unknown = undefined;
  private failed = false;
  private serverEnded = false;
  private closed = false;
  private finished = false;
  private paused = false;
  private readonly waiters = new Set<() => void>();
  private readonly iterator: AsyncIterator<RecordedEvent> = {
    next: () => this.next(),
    return: async () => {
      await this.close();
      return { done: true, value: undefined };
    },
  };

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly options: KurrentDbSubscriptionOptions,
  ) {
    this.lastSeen = options.after !== undefined && options.after.commit >= 0n ? options.after : undefined;
    source.on('data', (resolved: AllStreamResolvedEvent) => this.receive(resolved));
    // Kept for the whole life of the source: an 'error' without a listener would crash the process.
    source.on('error', (error: Error) => this.fail(translateReadError(error, 'subscription to $all')));
    source.on('end', () => this.endByServer());
    source.on('close', () => this.endByServer());
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this.iterator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake();
    await this.release();
  }

  private async next(): Promise<IteratorResult<RecordedEvent>> {
    for (;;) {
      if (this.closed) return { done: true, value: undefined };
      const event = this.buffer.shift();
      if (event) {
        if (this.paused && this.buffer.length <= LOW_WATER) {
          this.paused = false;
          this.source.resume();
        }
        return { done: false, value: event };
      }
      if (this.failed) {
        this.closed = true;
        await this.release();
        throw this.failure;
      }
      if (this.serverEnded) {
        this.closed = true;
        await this.release();
        return { done: true, value: undefined };
      }
      await new Promise<void>((resolve) => this.waiters.add(resolve));
    }
  }

  private receive(resolved: AllStreamResolvedEvent): void {
    if (this.closed || this.failed) return;
    const event = resolved.event;
    if (!event || !isWanted(event, this.options.streamPrefixes)) return;
    if (this.lastSeen && comparePositions(event.position, this.lastSeen) <= 0) return;
    try {
      this.buffer.push(toRecordedEvent(event));
    } catch (error) {
      this.fail(error);
      return;
    }
    this.lastSeen = event.position;
    if (!this.paused && this.buffer.length >= HIGH_WATER) {
      this.paused = true;
      this.source.pause();
    }
    this.wake();
  }

  private fail(error: unknown): void {
    if (this.failed || this.closed) return;
    this.failed = true;
    this.failure = error;
    this.wake();
  }

  private endByServer(): void {
    this.serverEnded = true;
    this.wake();
  }

  private wake(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const resolve of waiters) resolve();
  }

  /** Cancels the call (harmless when the server already ended it) and reports the end once. */
  private async release(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    this.buffer.length = 0;
    try {
      if (!this.serverEnded && !this.failed) await this.source.unsubscribe();
    } catch {
      // The call is gone either way.
    } finally {
      this.source.destroy();
      this.options.onEnd();
    }
  }
}
