import { status as GrpcStatus, StatusObject } from '@grpc/grpc-js';
import { InMemoryLog } from './in-memory-log';

/** The RPCs the server implements, named `Service.Method` as counted in `callCount`. */
export type MethodName =
  | 'Streams.Read'
  | 'Streams.Append'
  | 'Streams.BatchAppend'
  | 'Streams.Delete'
  | 'Streams.Tombstone'
  | 'ServerFeatures.GetSupportedMethods'
  | 'Gossip.Read';

/**
 * How the server ends a long-lived call: an UNAVAILABLE status (`error`), a normal end with
 * status OK (`silent`), or nothing at all because the connection is about to be torn down (`abort`).
 */
export type EndMode = 'error' | 'silent' | 'abort';

/** A long-lived call the server may have to end: a subscription or a batch-append session. */
export interface OpenCall {
  readonly kind: 'subscription' | 'batch-append';
  end(mode: EndMode, reason: string): void;
}

export type AppendListener = (streamId: string, types: readonly string[]) => void;

export interface ServerSettings {
  readonly batchAppend: boolean;
  readonly serverVersion: string;
  readonly host: string;
  port: number;
}

/** State shared by all handlers: the log (which outlives restarts), counters and open calls. */
export class ServerContext {
  private readonly counts = new Map<MethodName, number>();
  private readonly open = new Set<OpenCall>();
  private readonly appendListeners = new Set<AppendListener>();

  constructor(
    readonly log: InMemoryLog,
    readonly settings: ServerSettings,
  ) {}

  counted(method: MethodName): void {
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
  }

  callCount(method: MethodName): number {
    return this.counts.get(method) ?? 0;
  }

  callCounts(): Partial<Record<MethodName, number>> {
    return Object.fromEntries(this.counts);
  }

  /** Registers a long-lived call; the returned function forgets it once it has ended. */
  track(call: OpenCall): () => void {
    this.open.add(call);
    return () => this.open.delete(call);
  }

  /** Ends open calls of one kind (or all); returns how many were ended. */
  endOpenCalls(mode: EndMode, reason: string, kind?: OpenCall['kind']): number {
    const targets = [...this.open].filter((call) => kind === undefined || call.kind === kind);
    for (const call of targets) {
      this.open.delete(call);
      call.end(mode, reason);
    }
    return targets.length;
  }

  /** Calls `listener` after each acknowledged append (its answer already sent); returns how to stop listening. */
  onAppended(listener: AppendListener): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  /** An append was stored and its answer handed to gRPC: on the next turn, so the answer is written first. */
  appended(streamId: string, events: readonly { type: string }[]): void {
    const types = events.map((event) => event.type);
    setImmediate(() => {
      for (const listener of [...this.appendListeners]) listener(streamId, types);
    });
  }

  openCallCount(kind?: OpenCall['kind']): number {
    return [...this.open].filter((call) => kind === undefined || call.kind === kind).length;
  }
}

export function unavailable(details: string): Partial<StatusObject> {
  return { code: GrpcStatus.UNAVAILABLE, details };
}
