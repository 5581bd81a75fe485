import {
  AllStreamResolvedEvent,
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  START as CLIENT_START,
  UnknownError,
} from '@kurrent/kurrentdb-client';
import { EventStoreUnavailableError } from '../errors';
import {
  AllSubscription,
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  StoreHealth,
  StreamTip,
  SubscribeOptions,
} from '../event-store.port';
import { assertSomethingToAppend } from '../expected-revision';
import { KurrentDbClientPool } from './kurrentdb-client-pool';
import { normalizeConnectionString } from './kurrentdb-connection-string';
import { isStreamNotFound, isUnreachable, translateAppendError, translateReadError } from './kurrentdb-errors';
import { toAllFilter, toEventData, toReadPosition, toRecordedEvent, toStreamState, toStreamTip } from './kurrentdb-event-mapping';
import { readAllPages } from './kurrentdb-read-all';
import { KurrentDbSubscription } from './kurrentdb-subscription';
import { withTimeout } from './with-timeout';

export interface KurrentDbEventStoreOptions {
  /** `kurrentdb://…` (or the legacy `esdb://…`), e.g. `kurrentdb://localhost:2113?tls=false`. */
  readonly connectionString: string;
  /** An append that has not settled by then fails with `EventStoreUnavailableError`. Default 5000 ms. */
  readonly appendTimeoutMs?: number;
  /** The deadline of `health()`. Default 2000 ms. */
  readonly healthTimeoutMs?: number;
  /** Events per `$all` read. Default 500. */
  readonly pageSize?: number;
}

/**
 * The event store on a KurrentDB server, through `@kurrent/kurrentdb-client` (appends and
 * subscriptions over gRPC, reads through the client's bundled bridge). Positions and revisions are
 * the server's own. An unreachable server makes calls fail fast with `EventStoreUnavailableError`;
 * the adapter then replaces its client where the client would not recover on its own, so the same
 * instance works again once the server is back. Subscriptions do not reconnect by themselves: they
 * end (server closed them) or throw (server failed), and the caller resubscribes from its checkpoint.
 * `close()` ends open subscriptions silently, disposes the client, and makes further calls throw.
 */
export class KurrentDbEventStore implements EventStore {
  private readonly clients: KurrentDbClientPool;
  private readonly appendTimeoutMs: number;
  private readonly healthTimeoutMs: number;
  private readonly pageSize: number;
  private readonly subscriptions = new Set<KurrentDbSubscription>();
  private closed = false;

  constructor(options: KurrentDbEventStoreOptions) {
    this.clients = new KurrentDbClientPool(normalizeConnectionString(options.connectionString));
    this.appendTimeoutMs = options.appendTimeoutMs ?? 5000;
    this.healthTimeoutMs = options.healthTimeoutMs ?? 2000;
    this.pageSize = options.pageSize ?? 500;
  }

  async appendToStream(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    assertSomethingToAppend(streamId, events.length);
    const client = this.clients.client();
    const appending = client.appendToStream(streamId, events.map(toEventData), {
      streamState: toStreamState(expected),
      deadline: this.appendTimeoutMs,
    });
    let result;
    try {
      result = await withTimeout(appending, this.appendTimeoutMs, () => {
        // No answer at all: the client's append session may be dead, so it is replaced.
        this.clients.retire(client);
        return new EventStoreUnavailableError(`KurrentDB gave no answer to the append to ${streamId} within ${this.appendTimeoutMs} ms`);
      });
    } catch (error) {
      throw translateAppendError(error, streamId, expected);
    }
    const nextRevision = result.nextExpectedRevision;
    const position = result.position ?? (await this.readStream(streamId, nextRevision))[0]?.position;
    if (!position) throw new Error(`KurrentDB did not report the position of the append to ${streamId}`);
    return { nextRevision, position: { commit: position.commit, prepare: position.prepare } };
  }

  async readStream(streamId: string, fromRevision = 0n): Promise<RecordedEvent[]> {
    this.assertOpen();
    const from = fromRevision <= 0n ? CLIENT_START : fromRevision;
    try {
      const events: RecordedEvent[] = [];
      await this.read(`read ${streamId}`, async (client) => {
        for await (const resolved of client.readStream(streamId, { fromRevision: from, direction: FORWARDS })) {
          if (resolved.event) events.push(toRecordedEvent(resolved.event));
        }
      });
      return events;
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw error;
    }
  }

  async streamTip(streamId: string): Promise<StreamTip | null> {
    this.assertOpen();
    try {
      let tip: StreamTip | null = null;
      await this.read(`read the end of ${streamId}`, async (client) => {
        for await (const resolved of client.readStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) {
          if (resolved.event) tip = toStreamTip(resolved.event);
        }
      });
      return tip;
    } catch (error) {
      if (isStreamNotFound(error)) return null;
      throw error;
    }
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    return readAllPages({
      ...options,
      pageSize: this.pageSize,
      readPage: (read) => this.collect('read $all', read),
    });
  }

  subscribeToAll(options: SubscribeOptions = {}): AllSubscription {
    this.assertOpen();
    const client = this.clients.client();
    const release = this.clients.hold(client);
    const source = client.subscribeToAll({
      fromPosition: toReadPosition(options.after),
      filter: toAllFilter(options.streamPrefixes),
    });
    const subscription: KurrentDbSubscription = new KurrentDbSubscription(source, {
      after: options.after,
      streamPrefixes: options.streamPrefixes,
      onEnd: () => {
        this.subscriptions.delete(subscription);
        release();
      },
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async health(): Promise<StoreHealth> {
    if (this.closed) return { name: 'kurrentdb', up: false, detail: 'closed' };
    try {
      const [last] = await withTimeout(
        this.collect('health check', (client) => client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })),
        this.healthTimeoutMs,
        () => new EventStoreUnavailableError(`no answer from KurrentDB within ${this.healthTimeoutMs} ms`),
      );
      const position = last?.event?.position;
      return { name: 'kurrentdb', up: true, detail: position ? `last position ${position.commit}:${position.prepare}` : 'empty' };
    } catch (error) {
      return { name: 'kurrentdb', up: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.clients.close();
  }

  private collect(operation: string, read: (client: KurrentDBClient) => AsyncIterable<AllStreamResolvedEvent>) {
    return this.read(operation, async (client) => {
      const resolved: AllStreamResolvedEvent[] = [];
      for await (const item of read(client)) resolved.push(item);
      return resolved;
    });
  }

  /**
   * Runs one read. A client whose read failed without an answer from the server is replaced: after
   * a failed first read the client's read path never recovers, even once the server is back.
   */
  private async read<T>(operation: string, run: (client: KurrentDBClient) => Promise<T>): Promise<T> {
    const client = this.clients.client();
    try {
      return await run(client);
    } catch (error) {
      if (isStreamNotFound(error)) throw error;
      if (isUnreachable(error) || error instanceof UnknownError) this.clients.retire(client);
      throw translateReadError(error, operation);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('the KurrentDB event store is closed');
  }
}
