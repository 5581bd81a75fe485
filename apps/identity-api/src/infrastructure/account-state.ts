import { accountDecider, AccountState, accountStream, DEFAULT_SECURITY_POLICY } from '@identity/domain';
import { DEFAULT_SNAPSHOT_EVERY, EventStore, foldStream, saveSnapshotIfDue, SnapshotStore } from '@identity/event-store';
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
 * of every request use it.
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
