/**
 * The event store port. Shaped after KurrentDB (EventStoreDB) semantics so that every adapter
 * (in-memory, SQLite, KurrentDB) can honour it exactly:
 * - a stream has revisions 0n, 1n, 2n … (bigint, exact);
 * - every event has a global position in the `$all` order. KurrentDB positions are a pair
 *   (commit, prepare): the events of one append share the commit position, so the pair is what
 *   orders and identifies an event. Adapters with a single sequence set both to it.
 * - events are JSON with JSON metadata.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** What a writer expects the stream to be at: absent, anything, or exactly at a revision. */
export type ExpectedRevision = 'no_stream' | 'any' | bigint;

export interface EventMetadata extends JsonObject {
  correlationId: string;
  causationId: string | null;
  actor: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface NewEvent {
  /** A UUID; the event id, also the idempotency key of a real KurrentDB server. */
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: Position;
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: EventMetadata;
  /** When the store recorded it (the domain's own time is in `data`). */
  readonly recordedAt: Date;
}

export interface AppendResult {
  /** The revision of the last event appended. */
  readonly nextRevision: bigint;
  /** The position of the last event appended. */
  readonly position: Position;
}

export interface ReadAllOptions {
  /** Exclusive: only events after this position. Omitted: from the start. */
  readonly after?: Position;
  /** Only streams whose id starts with one of these prefixes (e.g. `account-`). */
  readonly streamPrefixes?: readonly string[];
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** Exclusive: deliver events after this position. Omitted: from the start. */
  readonly after?: Position;
  readonly streamPrefixes?: readonly string[];
}

/**
 * A catch-up subscription to `$all`: first the stored events after `after`, then live ones, in
 * position order. Iteration ends when the subscription is closed by the caller (normal end), when
 * the store closes it (a silent end) or throws on error: in both latter cases the caller resubscribes
 * from its last checkpoint.
 */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface StoreHealth {
  readonly name: string;
  readonly up: boolean;
  readonly detail?: string;
}

/** A stream's last event as `streamTip` tells it: its revision and the hash it claims (`metadata.hash`, null: none). */
export interface StreamTip {
  readonly revision: bigint;
  readonly hash: string | null;
}

export interface EventStore {
  /** Appends atomically. Throws `WrongExpectedRevisionError` when `expected` does not hold. */
  appendToStream(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** The stream's events from `fromRevision` (default 0n) forward; `[]` when the stream does not exist. */
  readStream(streamId: string, fromRevision?: bigint): Promise<RecordedEvent[]>;
  /**
   * Optional, for a store that can answer it cheaper than `readStream`: the stream's last revision
   * and the hash its last event claims, read as stored (not computed, the event not decoded); null
   * when the stream does not exist. What a reader that holds a state folded from checked events asks
   * to learn that nothing was appended since.
   */
  streamTip?(streamId: string): Promise<StreamTip | null>;
  /** Events of `$all` in position order, streamed. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeOptions): AllSubscription;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EVENT_STORE');

export const START: Position = Object.freeze({ commit: -1n, prepare: -1n });
