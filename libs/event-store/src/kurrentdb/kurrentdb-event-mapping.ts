import {
  ANY,
  AppendStreamState,
  excludeSystemEvents,
  Filter,
  jsonEvent,
  NO_STREAM,
  ReadPosition,
  RecordedEvent as ClientRecordedEvent,
  START as CLIENT_START,
  streamNameFilter,
} from '@kurrent/kurrentdb-client';
import { EventMetadata, ExpectedRevision, JsonObject, NewEvent, Position, RecordedEvent, StreamTip } from '../event-store.port';
import { hasStreamFilter, matchesStreamPrefixes } from '../reading/stream-prefix';

export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return expected;
}

export function toEventData(event: NewEvent) {
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata: event.metadata });
}

/** The client's start point for "after `after`": its START for none or for the port's START. */
export function toReadPosition(after: Position | undefined): ReadPosition {
  if (after === undefined || after.commit < 0n || after.prepare < 0n) return CLIENT_START;
  return { commit: after.commit, prepare: after.prepare };
}

/** The server-side `$all` filter: the stream prefixes when given, else everything but system events. */
export function toAllFilter(prefixes: readonly string[] | undefined): Filter {
  return hasStreamFilter(prefixes) ? streamNameFilter({ prefixes: [...prefixes] }) : excludeSystemEvents();
}

/** System streams and events (`$`-prefixed) are never the application's. */
export function isSystemEvent(event: { streamId: string; type: string }): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

/** The client-side check behind the server filter: an event `$all` readers of the port may see. */
export function isWanted(event: { streamId: string; type: string }, prefixes: readonly string[] | undefined): boolean {
  return !isSystemEvent(event) && matchesStreamPrefixes(event.streamId, prefixes);
}

/**
 * The port's event from the client's. The client has already parsed JSON data and metadata; an
 * event that is not JSON (not written through this port) is reported, not silently skipped.
 */
export function toRecordedEvent(event: ClientRecordedEvent): RecordedEvent {
  if (!event.position) {
    throw new Error(`KurrentDB event ${event.id} in ${event.streamId} came without a position`);
  }
  return {
    streamId: event.streamId,
    revision: event.revision,
    position: { commit: event.position.commit, prepare: event.position.prepare },
    id: event.id,
    type: event.type,
    data: jsonObject(event.data, 'data', event),
    metadata: jsonObject(event.metadata ?? {}, 'metadata', event) as EventMetadata,
    recordedAt: event.created,
  };
}

/** The event as the end of its stream: its revision and the hash its metadata claims (its data not looked at). */
export function toStreamTip(event: ClientRecordedEvent): StreamTip {
  const metadata: unknown = event.metadata;
  const hash = metadata !== null && typeof metadata === 'object' ? (metadata as { hash?: unknown }).hash : undefined;
  return { revision: event.revision, hash: typeof hash === 'string' ? hash : null };
}

function jsonObject(value: unknown, part: string, event: ClientRecordedEvent): JsonObject {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array)) {
    return value as JsonObject;
  }
  throw new TypeError(`KurrentDB event ${event.id} in ${event.streamId} (${event.type}): ${part} is not a JSON object`);
}
