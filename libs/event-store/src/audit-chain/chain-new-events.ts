import { NewEvent } from '../event-store.port';
import { ChainedMetadata, computeEventHash, GENESIS_HASH, HashedEvent, linkHashOf } from './event-hash';

/**
 * Adds `occurredAt`, `previousHash` and `hash` to the metadata of events about to be appended after
 * `previous` (the stream's last event, `null` for a new stream), each linked to the one before it.
 * Pure: the append must then use `previous`'s revision as the expected revision, so that no other
 * writer can chain onto the same predecessor.
 */
export function chainNewEvents(
  streamId: string,
  previous: HashedEvent | null,
  events: readonly NewEvent[],
  occurredAt: string,
): NewEvent[] {
  return chainNewEventsAfter(
    streamId,
    previous === null ? null : { revision: previous.revision, hash: linkHashOf(previous) },
    events,
    occurredAt,
  );
}

/** The stream's last event as the chain needs it: its revision and the hash the next event links to. */
export interface ChainLink {
  readonly revision: bigint;
  readonly hash: string;
}

/** `chainNewEvents` after a link known by revision and hash (e.g. kept in a snapshot). */
export function chainNewEventsAfter(
  streamId: string,
  previous: ChainLink | null,
  events: readonly NewEvent[],
  occurredAt: string,
): NewEvent[] {
  let previousHash = previous === null ? GENESIS_HASH : previous.hash;
  let revision = previous === null ? 0n : previous.revision + 1n;
  return events.map((event) => {
    const { hash: _hash, ...base } = event.metadata;
    const unsigned = { ...base, occurredAt, previousHash };
    const hash = computeEventHash({ id: event.id, streamId, revision, type: event.type, data: event.data, metadata: unsigned });
    const metadata: ChainedMetadata = { ...unsigned, hash };
    previousHash = hash;
    revision += 1n;
    return { ...event, metadata };
  });
}
