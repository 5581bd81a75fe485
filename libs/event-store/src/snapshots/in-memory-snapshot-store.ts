import { deserializeSnapshot, isSnapshot, SerializedSnapshot, serializeSnapshot } from './serialized-snapshot';
import { Snapshot, snapshotKey, SnapshotStore } from './snapshot-store.port';

/**
 * Snapshots in a map, for tests and single-process runs. They are kept serialized, like the
 * persistent adapter keeps them, so a caller never shares a state object with another.
 */
export class InMemorySnapshotStore implements SnapshotStore {
  private readonly snapshots = new Map<string, SerializedSnapshot>();

  async load(streamId: string, version: string): Promise<Snapshot | null> {
    const stored = this.snapshots.get(snapshotKey(streamId, version));
    if (!stored) return null;
    const snapshot = deserializeSnapshot(stored);
    return isSnapshot(snapshot) ? snapshot : null;
  }

  async save(streamId: string, version: string, snapshot: Snapshot): Promise<void> {
    this.snapshots.set(snapshotKey(streamId, version), serializeSnapshot(snapshot));
  }

  async close(): Promise<void> {
    this.snapshots.clear();
  }
}
