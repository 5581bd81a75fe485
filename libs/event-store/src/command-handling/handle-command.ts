import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '../errors';
import { EventMetadata, EventStore, JsonObject, NewEvent, Position } from '../event-store.port';
import { chainNewEvents } from '../audit-chain/chain-new-events';
import { ConcurrencyConflictError } from './concurrency-conflict.error';

/** A domain event as the decider sees it: a permanent type name and plain JSON data. */
export type DomainEvent = { type: string; data: JsonObject };

export interface Decider<S, C, E extends DomainEvent> {
  initialState(): S;
  evolve(state: S, event: E): S;
  decide(command: C, state: S): E[];
  /** Stored JSON to a typed event (validated, old shapes upcast); throws when it cannot. */
  decode(type: string, data: JsonObject): E;
  /** Names the shape of S for snapshots; change it whenever S changes. Absent: no snapshots. */
  snapshotVersion?: string;
}

export interface CommandContext {
  correlationId: string;
  causationId: string | null;
  actor: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface HandleCommandResult<S, E> {
  /** The state after the new events (the state that was read when there are none). */
  state: S;
  newEvents: E[];
  /**
   * The stream's last revision after the command: that of the last appended event, or, when
   * nothing was appended, the revision `state` was read at (`null`: the stream does not exist).
   */
  nextRevision: bigint | null;
  /** The `$all` position of the last appended event; `null` when nothing was appended. */
  position: Position | null;
}

export interface HandleCommandOptions {
  /** Re-runs after a lost race (so at most maxRetries + 1 attempts). Default 5. */
  maxRetries?: number;
  newEventId?: () => string;
  /** The clock for `metadata.occurredAt`. Default: the system clock. */
  now?: () => Date;
}

/**
 * Runs one command against one stream: read, fold `evolve`, `buildCommand(state)` (the caller's
 * I/O and crypto), `decide`, append with the revision that was read. When another writer got
 * there first (`WrongExpectedRevisionError`), everything runs again on the fresh stream, up to
 * `maxRetries` times, then `ConcurrencyConflictError` (code CONFLICT). An error from
 * `buildCommand` or `decide` propagates and nothing is appended. Every appended event's metadata
 * carries the audit chain (`occurredAt`, `previousHash`, `hash`: see audit-chain/ and docs/audit.md).
 */
export async function handleCommand<S, C, E extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<S, C, E>,
  buildCommand: (state: S) => C | Promise<C>,
  context: CommandContext,
  options: HandleCommandOptions = {},
): Promise<HandleCommandResult<S, E>> {
  const maxRetries = options.maxRetries ?? 5;
  const newEventId = options.newEventId ?? randomUUID;
  const now = options.now ?? (() => new Date());
  const metadata = metadataOf(context);
  for (let attempt = 0; ; attempt += 1) {
    const recorded = await store.readStream(streamId);
    let state = decider.initialState();
    for (const event of recorded) state = decider.evolve(state, decider.decode(event.type, event.data));
    const readRevision = recorded.length === 0 ? null : recorded[recorded.length - 1].revision;

    const command = await buildCommand(state);
    const newEvents = decider.decide(command, state);
    if (newEvents.length === 0) return { state, newEvents, nextRevision: readRevision, position: null };

    const unchained: NewEvent[] = newEvents.map((event) => ({
      id: newEventId(),
      type: event.type,
      data: event.data,
      metadata: { ...metadata },
    }));
    const previous = recorded.length === 0 ? null : recorded[recorded.length - 1];
    const toAppend = chainNewEvents(streamId, previous, unchained, now().toISOString());
    try {
      const appended = await store.appendToStream(streamId, toAppend, readRevision ?? 'no_stream');
      const finalState = newEvents.reduce((current, event) => decider.evolve(current, event), state);
      return { state: finalState, newEvents, nextRevision: appended.nextRevision, position: appended.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (attempt >= maxRetries) throw new ConcurrencyConflictError(streamId, attempt + 1, { cause: error });
    }
  }
}

/** Only the known fields: a context object carrying more (a request, a secret) never leaks into events. */
function metadataOf(context: CommandContext): EventMetadata {
  return {
    correlationId: context.correlationId,
    causationId: context.causationId,
    actor: context.actor,
    ip: context.ip,
    userAgent: context.userAgent,
  };
}
