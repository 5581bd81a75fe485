import { AllSubscription, Position } from '../event-store.port';
import { PageReader } from '../reading/event-page';
import { CatchUpSubscription } from './catch-up-subscription';

/**
 * The live subscriptions of an embedded store (in-memory, SQLite): each is a catch-up subscription
 * over the store's own page reader, woken by the store's appends (and, for appends by other
 * processes, by polling). The store calls `appended()` after each append and `closeAll()` on close.
 */
export class LocalSubscriptions {
  private readonly appendListeners = new Set<() => void>();
  private readonly open = new Set<CatchUpSubscription>();

  constructor(private readonly settings: { pageSize: number; pollIntervalMs?: number }) {}

  subscribe(readPage: PageReader, after: Position | undefined): AllSubscription {
    const subscription: CatchUpSubscription = new CatchUpSubscription(
      {
        readPage,
        onAppend: (listener) => {
          this.appendListeners.add(listener);
          return () => this.appendListeners.delete(listener);
        },
        pollIntervalMs: this.settings.pollIntervalMs,
        pageSize: this.settings.pageSize,
        onEnd: () => this.open.delete(subscription),
      },
      after,
    );
    this.open.add(subscription);
    return subscription;
  }

  /** Wakes every subscription: something was appended. */
  appended(): void {
    for (const listener of this.appendListeners) listener();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.open].map((subscription) => subscription.close()));
  }
}
