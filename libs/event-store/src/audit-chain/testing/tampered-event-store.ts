import {
  AllSubscription,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  StoreHealth,
  SubscribeOptions,
} from '../../event-store.port';
import { isAfter } from '../../position';
import { matchesStreamPrefixes } from '../../reading/stream-prefix';

/**
 * For tests: a store whose reads show what an attacker with write access to the storage left behind
 * (`tamper` rewrites the list of all stored events). Writes go to the real store underneath.
 */
export class TamperedEventStore implements EventStore {
  tamper: (events: RecordedEvent[]) => RecordedEvent[] = (events) => events;

  constructor(private readonly inner: EventStore) {}

  appendToStream(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.inner.appendToStream(streamId, events, expected);
  }

  async readStream(streamId: string, fromRevision = 0n): Promise<RecordedEvent[]> {
    return (await this.stored()).filter((e) => e.streamId === streamId && e.revision >= fromRevision);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const events = (await this.stored()).filter(
      (e) => isAfter(e.position, options.after) && matchesStreamPrefixes(e.streamId, options.streamPrefixes),
    );
    yield* events.slice(0, options.maxCount ?? events.length);
  }

  subscribeToAll(options?: SubscribeOptions): AllSubscription {
    return this.inner.subscribeToAll(options);
  }

  health(): Promise<StoreHealth> {
    return this.inner.health();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private async stored(): Promise<RecordedEvent[]> {
    const all: RecordedEvent[] = [];
    for await (const event of this.inner.readAll()) all.push(event);
    return this.tamper(all);
  }
}
