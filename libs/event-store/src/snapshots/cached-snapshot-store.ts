import { deserializeSnapshot, isSnapshot, SerializedSnapshot, serializeSnapshot } from './serialized-snapshot';
import { Snapshot, snapshotKey, SnapshotStore } from './snapshot-store.port';

export interface CachedSnapshotStoreOptions {
  /** How many streams' snapshots are kept in memory. Default 10,000. */
  capacity?: number;
  /** Asked of commands: a snapshot in memory once this many events were folded. Default 10. */
  saveEvery?: number;
  /** A save goes through to the inner store once it is this many revisions past the one there. Default 50. */
  persistEvery?: number;
}

interface Entry {
  snapshot: SerializedSnapshot;
  /** The revision of the inner store's snapshot, as far as this process knows (-1n: none). */
  persisted: bigint;
}

/**
 * An in-process LRU in front of a persistent snapshot store. Commands save to it often (memory is
 * cheap), so a busy stream's command folds only a few events; the inner store gets a snapshot only
 * every `persistEvery` revisions, so that losing the process costs at most that many more.
 */
export class CachedSnapshotStore implements SnapshotStore {
  readonly saveEvery: number;
  private readonly recent = new Map<string, Entry>();
  private readonly capacity: number;
  private readonly persistEvery: bigint;

  constructor(
    private readonly inner: SnapshotStore,
    options: CachedSnapshotStoreOptions = {},
  ) {
    this.capacity = options.capacity ?? 10_000;
    this.saveEvery = options.saveEvery ?? 10;
    this.persistEvery = BigInt(options.persistEvery ?? 50);
  }

  async load(streamId: string, version: string): Promise<Snapshot | null> {
    const key = snapshotKey(streamId, version);
    const cached = this.recent.get(key);
    if (cached) {
      this.remember(key, cached);
      const snapshot = deserializeSnapshot(cached.snapshot);
      if (isSnapshot(snapshot)) return snapshot;
      this.recent.delete(key);
    }
    const loaded = await this.inner.load(streamId, version);
    if (loaded) this.remember(key, { snapshot: serializeSnapshot(loaded), persisted: loaded.revision });
    return loaded;
  }

  async save(streamId: string, version: string, snapshot: Snapshot): Promise<void> {
    const key = snapshotKey(streamId, version);
    const persisted = this.recent.get(key)?.persisted ?? -1n;
    const due = snapshot.revision - persisted >= this.persistEvery || snapshot.revision < persisted;
    this.remember(key, { snapshot: serializeSnapshot(snapshot), persisted: due ? snapshot.revision : persisted });
    if (due) await this.inner.save(streamId, version, snapshot);
  }

  async close(): Promise<void> {
    this.recent.clear();
    await this.inner.close();
  }

  private remember(key: string, entry: Entry): void {
    this.recent.delete(key);
    this.recent.set(key, entry);
    if (this.recent.size > this.capacity) {
      const oldest = this.recent.keys().next();
      if (!oldest.done) this.recent.delete(oldest.value);
    }
  }
}
