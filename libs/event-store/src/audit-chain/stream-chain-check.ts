import { RecordedEvent } from '../event-store.port';
import { computeEventHash, GENESIS_HASH, storedEventHash } from './event-hash';

/** As `audit verify` names them; `unreadable`: the event's data is not what its type's decoder accepts. */
export type StreamDamageKind = 'revision' | 'hash' | 'chain' | 'unchained' | 'unreadable';

/**
 * A stream whose events fail their hash chain: it must not be folded into a decision. Names the
 * stream, the revision and what is wrong, for the operator (never for the client).
 */
export class StreamIntegrityError extends Error {
  readonly code = 'STREAM_INTEGRITY';
  constructor(
    readonly streamId: string,
    readonly revision: bigint,
    readonly kind: StreamDamageKind,
    detail: string,
  ) {
    super(`stream ${streamId} at revision ${revision}: ${detail}`);
    this.name = 'StreamIntegrityError';
  }
}

/** Where a checked run of events starts: its first revision, and the hash that event must link to (null: not known). */
export interface ChainStart {
  revision: bigint;
  linkTo: string | null;
}

/**
 * The command path's check of what it read (issue 13): revisions follow on from `start`, every event's
 * content matches its `metadata.hash`, and each `previousHash` is the hash of the event before. Events
 * written before chaining existed carry no hash; they may open a stream, but once an event of the
 * stream carries one, every later one must. The first damaged event is thrown as StreamIntegrityError.
 */
export function assertStreamChain(
  streamId: string,
  events: readonly RecordedEvent[],
  start: ChainStart = { revision: 0n, linkTo: GENESIS_HASH },
): void {
  let expected = start.revision;
  let linkTo = start.linkTo;
  let chained = false;
  for (const event of events) {
    const fail = (kind: StreamDamageKind, detail: string) => new StreamIntegrityError(streamId, event.revision, kind, detail);
    if (event.revision !== expected) throw fail('revision', `expected revision ${expected}: an event is missing or out of order`);
    const stored = storedEventHash(event.metadata);
    const computed = computeEventHash(event);
    if (stored === null) {
      if (chained) throw fail('unchained', 'the event has no metadata.hash after chained events');
    } else {
      chained = true;
      if (stored !== computed) throw fail('hash', 'the content does not match metadata.hash: the event was changed');
      if (linkTo !== null && event.metadata.previousHash !== linkTo)
        throw fail('chain', 'metadata.previousHash is not the hash of the event before');
    }
    linkTo = stored ?? computed;
    expected += 1n;
  }
}
