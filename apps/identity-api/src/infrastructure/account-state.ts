import { accountDecider, AccountState, accountStream, DEFAULT_SECURITY_POLICY } from '@identity/domain';
import {
  DEFAULT_SNAPSHOT_EVERY,
  EventStore,
  EventStoreUnavailableError,
  foldStream,
  saveSnapshotIfDue,
  Snapshot,
  SnapshotStore,
} from '@identity/event-store';
import { LiveAccountStates } from './live-account-states';

/** Folding needs no policy: evolve, decode and the snapshot version are the same under every one. */
const stateDecider = accountDecider(DEFAULT_SECURITY_POLICY);
const VERSION = stateDecider.snapshotVersion ?? '';
const liveStates = new WeakMap<SnapshotStore, LiveAccountStates>();

/**
 * An account's current state: the state this process last folded it to (LiveAccountStates), else
 * its snapshot (the in-process cache, else the file), and the events after it, read from the store
 * and checked against the chain, so a change any instance appended is in it. Saves a snapshot when
 * enough events were folded since the last one. The command runner's `load` and the session check
 * of every request use it. When the stream's tip is still the event the live state was folded to
 * (its revision and the hash it claims: `unchangedSinceLive`), the live state is the answer without
 * reading that event again.
 */
export async function loadAccountState(
  store: EventStore,
  snapshots: SnapshotStore,
  accountId: string,
  options: { force?: boolean } = {},
): Promise<AccountState> {
  const streamId = accountStream(accountId);
  const live = liveStatesOf(snapshots);
  const before = live.entry(streamId, VERSION);
  if (before !== undefined && !options.force && (await unchangedSinceLive(store, streamId, before.snapshot))) {
    live.remember(streamId, VERSION, before.snapshot, before.sinceSaved);
    return before.snapshot.state as AccountState;
  }
  const folded = await foldStream(store, streamId, stateDecider, live);
  if (folded.last === null) return folded.state;
  // From the live state (its revision plus the events folded), or from a persisted snapshot or the start.
  const fromLive = before !== undefined && folded.last.revision - before.snapshot.revision === BigInt(folded.foldedSinceSnapshot);
  const sinceSaved = folded.foldedSinceSnapshot + (fromLive ? before.sinceSaved : 0);
  // `force`: save the snapshot now, whether due or not (erasure rewrites the cached state at once).
  const every = options.force ? 0 : (snapshots.saveEvery ?? DEFAULT_SNAPSHOT_EVERY);
  await saveSnapshotIfDue(streamId, stateDecider, { snapshots, snapshotEvery: every }, { ...folded, foldedSinceSnapshot: sinceSaved });
  const snapshot = { state: folded.state, revision: folded.last.revision, eventHash: folded.last.hash };
  live.remember(streamId, VERSION, snapshot, sinceSaved >= every ? 0 : sinceSaved);
  return folded.state;
}

/** The live states kept in front of `snapshots` (one set per snapshot store): commands fold from them too. */
export function liveStatesOf(snapshots: SnapshotStore): LiveAccountStates {
  let live = liveStates.get(snapshots);
  if (!live) {
    live = new LiveAccountStates(snapshots);
    liveStates.set(snapshots, live);
  }
  return live;
}

/**
 * Whether nothing was appended to the stream since the live state: its last revision is the state's
 * and its last event claims the hash the state was folded to. The claim is not recomputed: that
 * event's content was checked against its hash when it was folded (a change to it since is found by
 * the next command's fold, which checks it again, and by `audit verify`), and a stream rewritten
 * under the process (a store restored) has other hashes and is folded again. A store that cannot
 * tell (no `streamTip`, or it fails other than by being unavailable) gets the full read.
 */
async function unchangedSinceLive(store: EventStore, streamId: string, live: Snapshot): Promise<boolean> {
  if (!store.streamTip) return false;
  try {
    const tip = await store.streamTip(streamId);
    return tip !== null && tip.revision === live.revision && tip.hash === live.eventHash;
  } catch (error) {
    // The store is down: the caller answers that (the session check from the sessions it last read), at once.
    if (error instanceof EventStoreUnavailableError) throw error;
    return false; // anything else: the full read answers, or names the fault
  }
}
