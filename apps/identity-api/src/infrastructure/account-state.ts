import { accountDecider, AccountState, accountStream, DEFAULT_SECURITY_POLICY } from '@identity/domain';
import { EventStore, foldStream, saveSnapshotIfDue, SnapshotStore } from '@identity/event-store';

/** Folding needs no policy: evolve, decode and the snapshot version are the same under every one. */
const stateDecider = accountDecider(DEFAULT_SECURITY_POLICY);

/**
 * An account's current state: its snapshot (the in-process cache, else the file) and the events
 * after it, read from the store, so a change any instance appended is in it. Saves a snapshot
 * when enough events were folded since the last one. The command runner's `load` and the session
 * check of every request use it.
 */
export async function loadAccountState(
  store: EventStore,
  snapshots: SnapshotStore,
  accountId: string,
  options: { force?: boolean } = {},
): Promise<AccountState> {
  const streamId = accountStream(accountId);
  const folded = await foldStream(store, streamId, stateDecider, snapshots);
  // `force`: save the snapshot now, whether due or not (erasure rewrites the cached state at once).
  await saveSnapshotIfDue(streamId, stateDecider, { snapshots, ...(options.force ? { snapshotEvery: 0 } : {}) }, folded);
  return folded.state;
}
