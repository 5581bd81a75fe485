import { EventStore, Position, RecordedEvent } from '../event-store.port';
import { comparePositions, positionToString } from '../position';
import { StreamHead } from './audit-digest';
import { AuditMismatch } from './audit-mismatch';
import { computeEventHash, storedEventHash } from './event-hash';
import { compareStreamIds, headLeafHash, MerkleRootBuilder } from './heads-merkle-root';

/** What the verifier keeps per stream: the last revision seen, where, and the hash the next event must link to. */
export interface SeenHead {
  revision: bigint;
  position: Position;
  hash: string | null;
  /** Its Merkle leaf, computed at the first digest that needs it (a new event replaces the entry). */
  leaf?: Buffer;
}

/** The ids of the streams seen (but the digest streams) in leaf order: new ids are sorted and merged in when asked. */
export class SortedStreamIds {
  private sorted: string[] = [];
  private fresh: string[] = [];

  add(streamId: string): void {
    this.fresh.push(streamId);
  }

  all(): readonly string[] {
    if (this.fresh.length === 0) return this.sorted;
    const fresh = this.fresh.sort(compareStreamIds);
    const merged: string[] = [];
    let [i, j] = [0, 0];
    while (i < this.sorted.length || j < fresh.length) {
      const [old, next] = [this.sorted[i], fresh[j]];
      if (next === undefined || (old !== undefined && compareStreamIds(old, next) <= 0)) {
        merged.push(old as string);
        i += 1;
      } else {
        merged.push(next);
        j += 1;
      }
    }
    [this.sorted, this.fresh] = [merged, []];
    return merged;
  }
}

/** What a digest check is given: the verifier's heads so far (every event before the digest), the store and the report. */
export interface DigestCheckContext {
  seen: ReadonlyMap<string, SeenHead>;
  streamIds: SortedStreamIds;
  store: EventStore;
  report: (mismatch: AuditMismatch) => void;
}

const named = (digest: RecordedEvent) => `digest ${digest.id} (${digest.streamId}@${digest.revision})`;

/**
 * Version 1: every head the digest lists still exists with that hash (a stream may have grown since,
 * the heads are a lower bound).
 */
export async function checkListedHeads(context: DigestCheckContext, digest: RecordedEvent, heads: [string, StreamHead][]): Promise<void> {
  for (const [streamId, head] of heads) {
    const seen = context.seen.get(streamId);
    const where = { streamId, revision: head.revision, eventId: null };
    if (!seen || seen.revision < head.revision) {
      const now = seen ? `ends at revision ${seen.revision}` : 'is gone';
      context.report({ ...where, kind: 'truncated', detail: `the stream ${now}, but ${named(digest)} recorded revision ${head.revision}` });
      continue;
    }
    const hash = seen.revision === head.revision ? seen.hash : ((await headAt(context.store, streamId, head.revision))?.hash ?? null);
    if (hash !== null && hash !== head.hash) {
      context.report({ ...where, kind: 'digest-head', detail: `the event's hash differs from the one ${named(digest)} recorded` });
    }
  }
}

/**
 * Version 2: the heads of every stream at the digest's `coversPosition` (those that moved on
 * between the reading and the append are read back from the store) give the signed Merkle root.
 */
export async function checkHeadsRoot(
  context: DigestCheckContext,
  digest: RecordedEvent,
  claim: { root: string; streamCount: number; coversPosition: Position | null },
): Promise<void> {
  const builder = new MerkleRootBuilder();
  const covers = claim.coversPosition;
  for (const streamId of covers === null ? [] : context.streamIds.all()) {
    const seen = context.seen.get(streamId);
    if (!seen || covers === null) continue;
    if (comparePositions(seen.position, covers) <= 0) {
      seen.leaf ??= headLeafHash(streamId, seen.revision, seen.hash ?? '');
      builder.add(seen.leaf);
    } else {
      const earlier = await headNotAfter(context.store, streamId, covers);
      if (earlier) builder.add(headLeafHash(streamId, earlier.revision, earlier.hash));
    }
  }
  if (builder.root() === claim.root && builder.leaves === claim.streamCount) return;
  const at = claim.coversPosition === null ? 'of the empty store' : `at position ${positionToString(claim.coversPosition)}`;
  context.report({
    streamId: digest.streamId,
    revision: digest.revision,
    eventId: digest.id,
    kind: 'digest-root',
    detail:
      `the heads ${at} (${builder.leaves} streams) do not give the signed Merkle root (${claim.streamCount} streams):` +
      ' a stream the digest covered was truncated, rewritten, added or removed',
  });
}

const hashOf = (event: RecordedEvent) => storedEventHash(event.metadata) ?? computeEventHash(event);

/** A stream went on between the digest's reading and its append: look the earlier head up. */
async function headAt(store: EventStore, streamId: string, revision: bigint): Promise<StreamHead | null> {
  const [event] = await store.readStream(streamId, revision);
  return event && event.revision === revision ? { revision, hash: hashOf(event) } : null;
}

/** The stream's last event at or before `position`, or null when the stream began after it. */
async function headNotAfter(store: EventStore, streamId: string, position: Position): Promise<StreamHead | null> {
  let head: StreamHead | null = null;
  for (const event of await store.readStream(streamId)) {
    if (comparePositions(event.position, position) > 0) break;
    head = { revision: event.revision, hash: hashOf(event) };
  }
  return head;
}
