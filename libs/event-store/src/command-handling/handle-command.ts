import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '../errors';
import { EventMetadata, EventStore, JsonObject, NewEvent, Position } from '../event-store.port';
import { chainNewEventsAfter } from '../audit-chain/chain-new-events';
import { foldStream, saveSnapshotIfDue, SnapshotOptions } from './fold-stream';
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
  /** The ids of the appended events, in order (none when nothing was appended). */
  eventIds: string[];
}

export interface HandleCommandOptions extends SnapshotOptions {
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
 * `maxRetries` times, then `ConcurrencyConflictError` (code CONFLICT). With `snapshots` and a
 * decider that names a `snapshotVersion`, the read starts at the last snapshot (see `foldStream`)
 * and a new snapshot is saved once at least `snapshotEvery` events were folded since it. An error from
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
    const folded = await foldStream(store, streamId, decider, options.snapshots);
    const { state, last } = folded;
    const readRevision = last === null ? null : last.revision;

    const command = await buildCommand(state);
    const newEvents = decider.decide(command, state);
    if (newEvents.length === 0) {
      await saveSnapshotIfDue(streamId, decider, options, folded);
      return { state, newEvents, nextRevision: readRevision, position: null, eventIds: [] };
    }

    const unchained: NewEvent[] = newEvents.map((event) => ({
      id: newEventId(),
      type: event.type,
      data: event.data,
      metadata: { ...metadata },
    }));
    const toAppend = chainNewEventsAfter(streamId, last, unchained, now().toISOString());
    let appended;
    try {
      appended = await store.appendToStream(streamId, toAppend, readRevision ?? 'no_stream');
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (attempt >= maxRetries) throw new ConcurrencyConflictError(streamId, attempt + 1, { cause: error });
      continue;
    }
    const finalState = newEvents.reduce((current, event) => decider.evolve(current, event), state);
    // toAppend has one event per new event, and newEvents is not empty (checked above).
    const lastHash = toAppend.at(-1)!.metadata.hash as string;
    await saveSnapshotIfDue(streamId, decider, options, {
      state: finalState,
      last: { revision: appended.nextRevision, hash: lastHash },
      foldedSinceSnapshot: folded.foldedSinceSnapshot + newEvents.length,
    });
    return {
      state: finalState,
      newEvents,
      nextRevision: appended.nextRevision,
      position: appended.position,
      eventIds: toAppend.map((event) => event.id),
    };
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
