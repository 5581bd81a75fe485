import { KeyObject } from 'node:crypto';
import { EventStore, Position, RecordedEvent } from '../event-store.port';
import { positionToString } from '../position';
import { UnreadableEventError } from '../reading/unreadable-event.error';
import { AUDIT_DIGEST_EVENT_TYPE, auditDigestProblem, digestClaim, isAuditDigestStream } from './audit-digest';
import { AuditMismatch } from './audit-mismatch';
import { checkHeadsRoot, checkListedHeads, SeenHead, SortedStreamIds } from './digest-checks';
import { computeEventHash, GENESIS_HASH, storedEventHash } from './event-hash';
import { EventHashSource } from './worker-event-hashes';

export interface ChainSummary {
  events: number;
  streams: number;
  digests: number;
  lastDigestPosition: Position | null;
  /** Events of other streams after the last digest: protected by their chains only, not against truncation. */
  eventsAfterLastDigest: number;
}

/**
 * Checks every event fed to it, in `$all` order: revisions continue 0, 1, 2 … per stream, each event's
 * content matches its `metadata.hash`, each `previousHash` is the hash of the revision before, and
 * every digest is signed by `publicKey` and its heads hold (digest-checks.ts: a deleted tail is
 * caught). Memory: one entry per stream.
 */
export class ChainVerifier {
  private readonly seen = new Map<string, SeenHead>();
  private readonly streamIds = new SortedStreamIds();
  private events = 0;
  private digests = 0;
  private lastDigestPosition: Position | null = null;
  private eventsAfterLastDigest = 0;

  constructor(
    private readonly store: EventStore,
    private readonly publicKey: KeyObject | null,
    private readonly report: (mismatch: AuditMismatch) => void,
    /** Hashes computed elsewhere (a worker thread); an event it has none for is hashed here. */
    private readonly hashes: EventHashSource | null = null,
  ) {}

  async check(event: RecordedEvent): Promise<void> {
    this.events += 1;
    const at = { streamId: event.streamId, revision: event.revision, eventId: event.id };
    const previous = this.seen.get(event.streamId);
    const expectedRevision = previous ? previous.revision + 1n : 0n;
    const inOrder = event.revision === expectedRevision;
    if (!inOrder)
      this.report({ ...at, kind: 'revision', detail: `expected revision ${expectedRevision}: an event is missing or out of order` });
    const stored = storedEventHash(event.metadata);
    const computed = (await this.hashes?.hashOf(event)) ?? computeEventHash(event);
    if (stored === null) {
      this.report({ ...at, kind: 'unchained', detail: 'the event has no metadata.hash' });
    } else {
      if (computed !== stored)
        this.report({ ...at, kind: 'hash', detail: 'the content does not match metadata.hash: the event was changed' });
      const linkTo = previous ? previous.hash : GENESIS_HASH;
      if (inOrder && linkTo !== null && event.metadata.previousHash !== linkTo) {
        this.report({ ...at, kind: 'chain', detail: `metadata.previousHash is not the hash of revision ${event.revision - 1n}` });
      }
    }
    this.remember(event.streamId, { revision: event.revision, position: event.position, hash: stored ?? computed });
    if (isAuditDigestStream(event.streamId)) {
      if (event.type === AUDIT_DIGEST_EVENT_TYPE) await this.checkDigest(event);
    } else {
      this.eventsAfterLastDigest += 1;
    }
  }

  /** An event that could not be read: reported; its stream's next event is not linked to it. */
  unreadable(error: UnreadableEventError): void {
    this.events += 1;
    this.report({
      kind: 'unreadable',
      streamId: error.streamId,
      revision: error.revision,
      eventId: error.eventId,
      detail: `${error.message.slice(error.message.lastIndexOf(': ') + 2)} (position ${positionToString(error.position)})`,
    });
    this.remember(error.streamId, { revision: error.revision, position: error.position, hash: null });
  }

  summary(): ChainSummary {
    return {
      events: this.events,
      streams: this.seen.size,
      digests: this.digests,
      lastDigestPosition: this.lastDigestPosition,
      eventsAfterLastDigest: this.eventsAfterLastDigest,
    };
  }

  /** The last revision seen of a stream, for naming it in other reports. */
  lastRevision(streamId: string): bigint | null {
    return this.seen.get(streamId)?.revision ?? null;
  }

  private remember(streamId: string, head: SeenHead): void {
    if (!this.seen.has(streamId) && !isAuditDigestStream(streamId)) this.streamIds.add(streamId);
    this.seen.set(streamId, head);
  }

  private async checkDigest(digest: RecordedEvent): Promise<void> {
    this.digests += 1;
    this.lastDigestPosition = digest.position;
    this.eventsAfterLastDigest = 0;
    const at = { streamId: digest.streamId, revision: digest.revision, eventId: digest.id };
    const problem =
      this.publicKey === null ? 'no audit public key to check the signature with' : auditDigestProblem(digest.data, this.publicKey);
    if (problem !== null) this.report({ ...at, kind: 'digest-signature', detail: problem });
    const claim = digestClaim(digest.data);
    if (claim === null) {
      this.report({ ...at, kind: 'digest-heads', detail: 'the digest has no well-formed heads or heads root' });
      return;
    }
    const context = { seen: this.seen, streamIds: this.streamIds, store: this.store, report: this.report };
    if (claim.version === 1) await checkListedHeads(context, digest, claim.heads);
    else await checkHeadsRoot(context, digest, claim);
  }
}
