import { EventStore, RecordedEvent } from '../event-store.port';
import { ChainLink } from '../audit-chain/chain-new-events';
import { linkHashOf } from '../audit-chain/event-hash';
import { assertStreamChain, StreamIntegrityError } from '../audit-chain/stream-chain-check';
import { Snapshot, SnapshotStore } from '../snapshots/snapshot-store.port';
import type { Decider, DomainEvent } from './handle-command';

/** Save a new snapshot once at least this many events were folded since the last one. */
export const DEFAULT_SNAPSHOT_EVERY = 50;

export interface FoldedStream<S> {
  state: S;
  /** The stream's last event (`null`: the stream does not exist), for the expected revision and the chain. */
  last: ChainLink | null;
  /** How many events were folded since the snapshot the fold started from (all of them without one). */
  foldedSinceSnapshot: number;
}

export interface SnapshotOptions {
  /** Where snapshots are kept; used only when the decider names a `snapshotVersion`. */
  snapshots?: SnapshotStore;
  /** Default: the store's `saveEvery`, else `DEFAULT_SNAPSHOT_EVERY`. */
  snapshotEvery?: number;
}

/**
 * The stream's current state: from the decider's snapshot when there is one that matches the stream
 * (the event at its revision exists and has the hash it names), reading only from that revision on;
 * otherwise folded from the start. A snapshot that does not match, or whose state `evolve` cannot
 * take, is ignored: snapshots are a cache and cost only time when lost. Every event read is checked
 * against the stream's hash chain first (assertStreamChain): a damaged stream throws
 * StreamIntegrityError and is never folded into a decision.
 */
export async function foldStream<S, C, E extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<S, C, E>,
  snapshots: SnapshotStore | undefined,
): Promise<FoldedStream<S>> {
  const version = decider.snapshotVersion;
  const snapshot = snapshots && version ? await loadQuietly(snapshots, streamId, version) : null;
  if (snapshot) {
    const fromSnapshot = await store.readStream(streamId, snapshot.revision);
    // The snapshot's own event links to what came before it, which was checked when it was folded.
    assertStreamChain(streamId, fromSnapshot, { revision: snapshot.revision, linkTo: null });
    const folded = matches(snapshot, fromSnapshot[0]) ? foldOrNull(decider, snapshot.state as S, fromSnapshot.slice(1)) : null;
    if (folded !== null) return { state: folded, last: linkOf(fromSnapshot), foldedSinceSnapshot: fromSnapshot.length - 1 };
  }
  const recorded = await store.readStream(streamId);
  assertStreamChain(streamId, recorded);
  const state = recorded.reduce(
    (current, event) => decider.evolve(current, decodeOrThrow(decider, streamId, event)),
    decider.initialState(),
  );
  return { state, last: linkOf(recorded), foldedSinceSnapshot: recorded.length };
}

/** Saves `state` as of `last` when enough events were folded since the snapshot; never fails the caller. */
export async function saveSnapshotIfDue<S, C, E extends DomainEvent>(
  streamId: string,
  decider: Decider<S, C, E>,
  options: SnapshotOptions,
  folded: FoldedStream<S>,
): Promise<void> {
  const version = decider.snapshotVersion;
  const { snapshots } = options;
  if (!snapshots || !version || folded.last === null) return;
  if (folded.foldedSinceSnapshot < (options.snapshotEvery ?? snapshots.saveEvery ?? DEFAULT_SNAPSHOT_EVERY)) return;
  try {
    await snapshots.save(streamId, version, { state: folded.state, revision: folded.last.revision, eventHash: folded.last.hash });
  } catch {
    // A cache that cannot take a snapshot costs the next command a longer fold, nothing more.
  }
}

async function loadQuietly(snapshots: SnapshotStore, streamId: string, version: string): Promise<Snapshot | null> {
  try {
    return await snapshots.load(streamId, version);
  } catch {
    return null;
  }
}

function matches(snapshot: Snapshot, atRevision: RecordedEvent | undefined): boolean {
  return atRevision !== undefined && atRevision.revision === snapshot.revision && linkHashOf(atRevision) === snapshot.eventHash;
}

function foldOrNull<S, C, E extends DomainEvent>(decider: Decider<S, C, E>, from: S, events: readonly RecordedEvent[]): S | null {
  try {
    return events.reduce((current, event) => decider.evolve(current, decider.decode(event.type, event.data)), from);
  } catch {
    return null;
  }
}

/** An event its decoder refuses is damage too: named like the chain's, never folded. */
function decodeOrThrow<S, C, E extends DomainEvent>(decider: Decider<S, C, E>, streamId: string, event: RecordedEvent): E {
  try {
    return decider.decode(event.type, event.data);
  } catch (error) {
    throw new StreamIntegrityError(streamId, event.revision, 'unreadable', error instanceof Error ? error.message : String(error));
  }
}

function linkOf(events: readonly RecordedEvent[]): ChainLink | null {
  const last = events[events.length - 1];
  return last === undefined ? null : { revision: last.revision, hash: linkHashOf(last) };
}
