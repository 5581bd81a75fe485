import { EventStoreUnavailableError } from '../errors';
import {
  AllSubscription,
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  JsonObject,
  NewEvent,
  Position,
  ReadAllOptions,
  RecordedEvent,
  StoreHealth,
  StreamTip,
  SubscribeOptions,
} from '../event-store.port';
import { assertExpectedRevision, assertSomethingToAppend } from '../expected-revision';
import { lastSequenceNotAfter, singlePosition } from '../position';
import { EventPage, readAllInPages } from '../reading/event-page';
import { matchesStreamPrefixes } from '../reading/stream-prefix';
import { LocalSubscriptions } from '../subscription/local-subscriptions';

/** Stored as JSON text, like the durable adapters, so readers never share objects with writers. */
interface StoredEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly dataJson: string;
  readonly metadataJson: string;
  readonly recordedAt: number;
}

const PAGE_SIZE = 500;

/**
 * The event store for tests: everything in memory, one process. The position of an event is its
 * index in `$all` (0n, 1n, …; commit = prepare). Appends are synchronous inside the call, so two
 * concurrent appends are serialised and the expected-revision check is exact. `close()` ends every
 * open subscription (silently: iteration completes) and makes further calls throw.
 */
export class InMemoryEventStore implements EventStore {
  private readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, number[]>();
  private readonly live = new LocalSubscriptions({ pageSize: PAGE_SIZE });
  private closed = false;

  async appendToStream(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    assertSomethingToAppend(streamId, events.length);
    const indexes = this.streams.get(streamId) ?? [];
    assertExpectedRevision(streamId, expected, indexes.length === 0 ? undefined : BigInt(indexes.length - 1));
    const stored = events.map((event, i): StoredEvent => ({
      streamId,
      revision: BigInt(indexes.length + i),
      id: event.id,
      type: event.type,
      dataJson: JSON.stringify(event.data),
      metadataJson: JSON.stringify(event.metadata),
      recordedAt: Date.now(),
    }));
    for (const event of stored) {
      indexes.push(this.all.length);
      this.all.push(event);
    }
    this.streams.set(streamId, indexes);
    this.live.appended();
    return { nextRevision: BigInt(indexes.length - 1), position: singlePosition(BigInt(this.all.length - 1)) };
  }

  async readStream(streamId: string, fromRevision = 0n): Promise<RecordedEvent[]> {
    this.assertOpen();
    const indexes = this.streams.get(streamId) ?? [];
    const from = fromRevision < 0n ? 0 : Number(fromRevision);
    return indexes.slice(from).map((index) => this.toRecorded(index));
  }

  async streamTip(streamId: string): Promise<StreamTip | null> {
    this.assertOpen();
    const last = this.streams.get(streamId)?.at(-1);
    if (last === undefined) return null;
    const stored = this.storedAt(last);
    const hash = (JSON.parse(stored.metadataJson) as EventMetadata).hash;
    return { revision: stored.revision, hash: typeof hash === 'string' ? hash : null };
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const prefixes = options.streamPrefixes;
    return readAllInPages((after, limit) => this.readPage(after, limit, prefixes), {
      after: options.after,
      maxCount: options.maxCount,
      pageSize: PAGE_SIZE,
    });
  }

  subscribeToAll(options: SubscribeOptions = {}): AllSubscription {
    this.assertOpen();
    const prefixes = options.streamPrefixes;
    return this.live.subscribe((after, limit) => this.readPage(after, limit, prefixes), options.after);
  }

  async health(): Promise<StoreHealth> {
    return this.closed
      ? { name: 'in-memory', up: false, detail: 'closed' }
      : { name: 'in-memory', up: true, detail: `${this.all.length} events` };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.live.closeAll();
  }

  private readPage(after: Position | undefined, limit: number, prefixes: readonly string[] | undefined): EventPage {
    if (this.closed) return { events: [], checkpoint: after };
    const events: RecordedEvent[] = [];
    const start = Number(lastSequenceNotAfter(after)) + 1;
    let index = start;
    for (; index < this.all.length && events.length < limit; index += 1) {
      if (matchesStreamPrefixes(this.storedAt(index).streamId, prefixes)) events.push(this.toRecorded(index));
    }
    return { events, checkpoint: index === start ? after : singlePosition(BigInt(index - 1)) };
  }

  private storedAt(index: number): StoredEvent {
    const stored = this.all[index];
    if (!stored) throw new Error(`no stored event at index ${index}`);
    return stored;
  }

  private toRecorded(index: number): RecordedEvent {
    const stored = this.storedAt(index);
    return {
      streamId: stored.streamId,
      revision: stored.revision,
      position: singlePosition(BigInt(index)),
      id: stored.id,
      type: stored.type,
      data: JSON.parse(stored.dataJson) as JsonObject,
      metadata: JSON.parse(stored.metadataJson) as EventMetadata,
      recordedAt: new Date(stored.recordedAt),
    };
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('the in-memory event store is closed');
  }
}
