import { LogPosition, StoredEvent } from './in-memory-log';
import { positionFrom, streamNameOf } from './message-codec';
import { ReadReq } from './proto-loader';

/** A `$all` filter on stream name or event type: any of the prefixes, else the regex. */
export interface EventFilter {
  readonly on: 'stream' | 'type';
  readonly prefixes: readonly string[];
  readonly regex: RegExp | undefined;
  /** Send a checkpoint after this many events were looked at (window size x multiplier). */
  readonly checkpointEvery: number;
}

export type ReadTarget =
  | { readonly kind: 'stream'; readonly streamId: string; readonly from: 'start' | 'end' | bigint }
  | { readonly kind: 'all'; readonly from: 'start' | 'end' | LogPosition };

/** A `ReadReq` reduced to what the server acts on. */
export interface ReadPlan {
  readonly target: ReadTarget;
  readonly backwards: boolean;
  /** Max events for a plain read; undefined for a subscription. */
  readonly count: bigint | undefined;
  readonly filter: EventFilter | undefined;
  readonly structuredIds: boolean;
}

/** The server's default search window when the client asks for `count` instead of `max`. */
const DEFAULT_FILTER_WINDOW = 32;

export class BadReadRequest extends Error {}

export function parseReadRequest(request: ReadReq): ReadPlan {
  const options = request.getOptions();
  if (!options) throw new BadReadRequest('read request without options');
  return {
    target: parseTarget(options),
    backwards: options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS,
    count: options.hasSubscription() ? undefined : BigInt(options.getCount() || '0'),
    filter: options.hasFilter() ? parseFilter(options.getFilter()!) : undefined,
    structuredIds: options.getUuidOption()?.hasStructured() ?? false,
  };
}

function parseTarget(options: ReadReq.Options): ReadTarget {
  if (options.hasStream()) {
    const stream = options.getStream()!;
    const streamId = streamNameOf(stream.getStreamIdentifier());
    if (stream.hasRevision()) return { kind: 'stream', streamId, from: BigInt(stream.getRevision()) };
    return { kind: 'stream', streamId, from: stream.hasEnd() ? 'end' : 'start' };
  }
  if (options.hasAll()) {
    const all = options.getAll()!;
    if (all.hasPosition()) return { kind: 'all', from: positionFrom(all.getPosition()!) };
    return { kind: 'all', from: all.hasEnd() ? 'end' : 'start' };
  }
  throw new BadReadRequest('read request names neither a stream nor $all');
}

function parseFilter(filter: ReadReq.Options.FilterOptions): EventFilter {
  const on = filter.hasStreamIdentifier() ? 'stream' : 'type';
  const expression = filter.hasStreamIdentifier() ? filter.getStreamIdentifier() : filter.getEventType();
  if (!expression) throw new BadReadRequest('filter without an expression');
  const prefixes = expression.getPrefixList();
  const source = expression.getRegex();
  const window = filter.hasMax() ? filter.getMax() : DEFAULT_FILTER_WINDOW;
  const multiplier = Math.max(1, filter.getCheckpointintervalmultiplier());
  return {
    on,
    prefixes,
    regex: prefixes.length === 0 && source !== '' ? new RegExp(source) : undefined,
    checkpointEvery: Math.max(1, window * multiplier),
  };
}

export function passesFilter(filter: EventFilter | undefined, event: StoredEvent): boolean {
  if (!filter) return true;
  const subject = filter.on === 'stream' ? event.streamId : event.type;
  if (filter.prefixes.length > 0) return filter.prefixes.some((prefix) => subject.startsWith(prefix));
  return filter.regex ? filter.regex.test(subject) : true;
}
