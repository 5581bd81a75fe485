import { randomUUID } from 'node:crypto';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { addServices } from './grpc-services';
import { ExpectedState, InMemoryLog, LogPosition, StoredEvent } from './in-memory-log';
import { EndMode, MethodName, ServerContext } from './server-context';
import { seedSystemEvents } from './system-events';

export interface KurrentDbTestServerOptions {
  /** Advertise and serve `Streams.BatchAppend` (real servers do). Default true. */
  readonly batchAppend?: boolean;
  /** Port on 127.0.0.1; 0 (default) takes a free one, kept across restarts. */
  readonly port?: number;
  /** Seed a few `$`-prefixed system events into `$all` at start. Default true. */
  readonly systemEvents?: boolean;
  /** What `GetSupportedMethods` reports. Default 24.10.0. */
  readonly serverVersion?: string;
}

/**
 * How `stop` ends open subscriptions: `error` sends them status UNAVAILABLE, `silent` ends them
 * with status OK, `abort` tears the connections down unanswered (like a crashed server). Open
 * batch-append sessions get UNAVAILABLE, or nothing with `abort`.
 */
export type StopMode = EndMode;

/** A stored event as tests see it. */
export interface TestServerEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: LogPosition;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly created: Date;
  readonly data: Buffer;
  readonly customMetadata: Buffer;
}

export interface DirectEvent {
  readonly type: string;
  readonly data: unknown;
  readonly id?: string;
}

const HOST = '127.0.0.1';
const GRACEFUL_STOP_MS = 2_000;
const BIND_ATTEMPTS = 50;
const BIND_RETRY_MS = 20;

/** An in-memory KurrentDB speaking the real gRPC protocol, for tests that use the real client. */
export class KurrentDbTestServer {
  private server: Server | undefined;

  private constructor(private readonly context: ServerContext) {}

  static async start(options: KurrentDbTestServerOptions = {}): Promise<KurrentDbTestServer> {
    const log = new InMemoryLog();
    if (options.systemEvents !== false) seedSystemEvents(log);
    const context = new ServerContext(log, {
      batchAppend: options.batchAppend ?? true,
      serverVersion: options.serverVersion ?? '24.10.0',
      host: HOST,
      port: options.port ?? 0,
    });
    const instance = new KurrentDbTestServer(context);
    await instance.listen();
    return instance;
  }

  get port(): number {
    return this.context.settings.port;
  }

  get connectionString(): string {
    return `kurrentdb://${HOST}:${this.port}?tls=false`;
  }

  get isRunning(): boolean {
    return this.server !== undefined;
  }

  /** Stops listening and ends every open call (see `StopMode`, default `error`). Data is kept. */
  async stop(options: { subscriptions?: StopMode } = {}): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const mode = options.subscriptions ?? 'error';
    const reason = 'Server is shutting down.';
    this.context.endOpenCalls(mode, reason, 'subscription');
    // A batch-append session ended with status OK leaves the client writing into a dead call
    // (its next append never settles), so sessions always end with an error or an abort.
    this.context.endOpenCalls(mode === 'abort' ? 'abort' : 'error', reason, 'batch-append');
    if (mode === 'abort') {
      server.forceShutdown();
      return;
    }
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, GRACEFUL_STOP_MS);
      server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
  }

  /** Stops (if running) and listens again on the same port, with the same data. */
  async restart(options: { subscriptions?: StopMode } = {}): Promise<void> {
    await this.stop(options);
    await this.listen();
  }

  /**
   * Stops (as `stop` does) right after acknowledging the next append that `matches`: a server lost the
   * moment it confirmed a write. Resolves once it has stopped.
   */
  stopAfterAppend(matches: (streamId: string, types: readonly string[]) => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const forget = this.context.onAppended((streamId, types) => {
        if (!matches(streamId, types)) return;
        forget();
        this.stop().then(resolve, reject);
      });
    });
  }

  /** Ends every open subscription (`error`: status UNAVAILABLE; `silent`: status OK). */
  dropSubscriptions(mode: 'error' | 'silent'): number {
    return this.context.endOpenCalls(mode, 'Subscription dropped by the server.', 'subscription');
  }

  openSubscriptionCount(): number {
    return this.context.openCallCount('subscription');
  }

  /** Stored events in `$all` order, optionally only one stream's. System events included. */
  events(streamId?: string): TestServerEvent[] {
    const stored = streamId === undefined ? this.context.log.allEvents() : (this.context.log.streamEvents(streamId) ?? []);
    return stored.map(toTestEvent);
  }

  /** Appends JSON events without going through gRPC, e.g. to play a concurrent writer. */
  appendDirect(streamId: string, events: readonly DirectEvent[], expected: ExpectedState = 'any'): boolean {
    const proposed = events.map((event) => ({
      id: event.id ?? randomUUID(),
      type: event.type,
      contentType: 'application/json',
      data: Buffer.from(JSON.stringify(event.data), 'utf8'),
      customMetadata: Buffer.alloc(0),
    }));
    return this.context.log.append(streamId, expected, proposed).ok;
  }

  /** How many times the client called `Service.Method` since start (restarts included). */
  callCount(method: MethodName): number {
    return this.context.callCount(method);
  }

  callCounts(): Partial<Record<MethodName, number>> {
    return this.context.callCounts();
  }

  private async listen(): Promise<void> {
    const server = new Server();
    addServices(server, this.context);
    const address = `${HOST}:${this.context.settings.port}`;
    for (let attempt = 1; ; attempt += 1) {
      try {
        this.context.settings.port = await bind(server, address);
        this.server = server;
        return;
      } catch (error) {
        // Right after a stop the old listener may still hold the port for a moment.
        if (attempt >= BIND_ATTEMPTS || !/EADDRINUSE|address already in use/i.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, BIND_RETRY_MS));
      }
    }
  }
}

function bind(server: Server, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) => (error ? reject(error) : resolve(port)));
  });
}

function toTestEvent(event: StoredEvent): TestServerEvent {
  return {
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    id: event.id,
    type: event.type,
    contentType: event.contentType,
    created: new Date(Number(event.createdTicks / 10_000n)),
    data: Buffer.from(event.data),
    customMetadata: Buffer.from(event.customMetadata),
  };
}
