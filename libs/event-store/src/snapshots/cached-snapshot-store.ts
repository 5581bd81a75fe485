import { deserializeSnapshot, isSnapshot, SerializedSnapshot, serializeSnapshot } from './serialized-snapshot';
import { Snapshot, snapshotKey, SnapshotStore } from './snapshot-store.port';

/**
 * An in-process LRU in front of a persistent snapshot store: the recently used streams' snapshots
 * are read without touching the file. Saves go through to the inner store.
 */
export class CachedSnapshotStore implements SnapshotStore {
  private readonly recent = new Map<string, SerializedSnapshot>();

  constructor(
    private readonly inner: SnapshotStore,
    private readonly capacity = 10_000,
  ) {}

  async load(streamId: string, version: string): Promise<Snapshot | null> {
    const key = snapshotKey(streamId, version);
    const cached = this.recent.get(key);
    if (cached) {
      this.remember(key, cached);
      const snapshot = deserializeSnapshot(cached);
      if (isSnapshot(snapshot)) return snapshot;
      this.recent.delete(key);
    }
    const loaded = await this.inner.load(streamId, version);
    if (loaded) this.remember(key, serializeSnapshot(loaded));
    return loaded;
  }

  async save(streamId: string, version: string, snapshot: Snapshot): Promise<void> {
    this.remember(snapshotKey(streamId, version), serializeSnapshot(snapshot));
    await this.inner.save(streamId, version, snapshot);
  }

  async close(): Promise<void> {
    this.recent.clear();
    await this.inner.close();
  }

  private remember(key: string, snapshot: SerializedSnapshot): void {
    this.recent.delete(key);
    this.recent.set(key, snapshot);
    if (this.recent.size > this.capacity) {
      const oldest = this.recent.keys().next();
      if (!oldest.done) this.recent.delete(oldest.value);
    }
  }
}
