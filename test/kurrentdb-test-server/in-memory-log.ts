/**
 * The test server's storage: one ordered log (`$all`) plus an index per stream. Positions look
 * like a real server's byte offsets: every event gets its own increasing prepare position (about
 * 100 bytes apart, more for larger payloads) and all events of one append share the commit
 * position of the append's first event.
 */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export interface StoredEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: LogPosition;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  /** .NET ticks (100 ns) since the Unix epoch, as the protocol's `created` metadata carries it. */
  readonly createdTicks: bigint;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

/** What the writer expects of the stream: any state, absent, present, or exactly at a revision. */
export type ExpectedState = 'any' | 'no_stream' | 'stream_exists' | bigint;

export type AppendOutcome =
  | { readonly ok: true; readonly currentRevision: bigint | undefined; readonly position: LogPosition | undefined }
  | { readonly ok: false; readonly currentRevision: bigint | undefined };

export type AppendListener = (event: StoredEvent) => void;

const FIRST_LOG_POSITION = 1_000n;
const RECORD_OVERHEAD = 100n;
const TICKS_PER_MILLISECOND = 10_000n;

export function comparePositions(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export class InMemoryLog {
  private readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly listeners = new Set<AppendListener>();
  private nextLogPosition = FIRST_LOG_POSITION;

  /** Every event in `$all` order. */
  allEvents(): readonly StoredEvent[] {
    return this.all;
  }

  /** The stream's events in revision order, or undefined when the stream was never written. */
  streamEvents(streamId: string): readonly StoredEvent[] | undefined {
    return this.streams.get(streamId);
  }

  lastRevision(streamId: string): bigint | undefined {
    const events = this.streams.get(streamId);
    return events?.at(-1)?.revision;
  }

  lastPosition(): LogPosition | undefined {
    return this.all.at(-1)?.position;
  }

  append(streamId: string, expected: ExpectedState, proposed: readonly ProposedEvent[], nowMs = Date.now()): AppendOutcome {
    const current = this.lastRevision(streamId);
    if (!satisfies(expected, current)) return { ok: false, currentRevision: current };
    if (proposed.length === 0) return { ok: true, currentRevision: current, position: undefined };

    const events = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, events);
    const commit = this.nextLogPosition;
    const createdTicks = BigInt(nowMs) * TICKS_PER_MILLISECOND;
    const written: StoredEvent[] = [];
    for (const message of proposed) {
      const prepare = this.nextLogPosition;
      this.nextLogPosition += RECORD_OVERHEAD + BigInt(message.data.length + message.customMetadata.length);
      const event: StoredEvent = {
        ...message,
        streamId,
        revision: BigInt(events.length),
        position: { commit, prepare },
        createdTicks,
      };
      events.push(event);
      this.all.push(event);
      written.push(event);
    }
    for (const event of written) for (const listener of [...this.listeners]) listener(event);
    const last = written.at(-1);
    if (!last) throw new Error(`append to ${streamId} wrote no events`);
    return { ok: true, currentRevision: last.revision, position: last.position };
  }

  /** Calls `listener` for each event appended from now on; returns the unsubscribe function. */
  onAppended(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function satisfies(expected: ExpectedState, current: bigint | undefined): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === undefined;
  if (expected === 'stream_exists') return current !== undefined;
  return current === expected;
}
