import { DEFAULT_SNAPSHOT_EVERY, Snapshot, SnapshotStore } from '@identity/event-store';

/** How many accounts' last folded states a process keeps (the accounts in use: sessions checked, commands run). */
export const LIVE_STATES = 2_000;

const snapshotKey = (streamId: string, version: string) => `${version}\u0000${streamId}`;

interface Entry {
  snapshot: Snapshot;
  /** Events folded into it since the persisted snapshot was last saved (when the fold should save one). */
  sinceSaved: number;
}

/**
 * The last state each recently used account was folded to, as the object itself (no copy, no JSON:
 * the domain's states are never mutated), so that the next fold of that account reads only the
 * events after it. It is a snapshot like any other to `foldStream`: trusted only while the event at
 * its revision still has the hash it names, and every event after it is checked against the chain
 * before it is folded. Anything else (other streams, a miss) is the persisted snapshots' to answer.
 * Commands save their new state here (`save`), so the next command or session check starts from it.
 */
export class LiveAccountStates implements SnapshotStore {
  private readonly recent = new Map<string, Entry>();

  constructor(
    private readonly persisted: SnapshotStore,
    private readonly capacity = LIVE_STATES,
  ) {}

  get saveEvery(): number | undefined {
    return this.persisted.saveEvery;
  }

  async load(streamId: string, version: string): Promise<Snapshot | null> {
    const entry = this.recent.get(snapshotKey(streamId, version));
    return entry ? entry.snapshot : this.persisted.load(streamId, version);
  }

  /** The state kept for the stream, if any: what `load` answers for it. */
  entry(streamId: string, version: string): Readonly<Entry> | undefined {
    return this.recent.get(snapshotKey(streamId, version));
  }

  remember(streamId: string, version: string, snapshot: Snapshot, sinceSaved: number): void {
    const key = snapshotKey(streamId, version);
    this.recent.delete(key);
    this.recent.set(key, { snapshot, sinceSaved });
    if (this.recent.size > this.capacity) {
      const oldest = this.recent.keys().next();
      if (!oldest.done) this.recent.delete(oldest.value);
    }
  }

  /**
   * Keeps `snapshot` as the stream's live state, and passes it on to the persisted store once the
   * persisted store's `saveEvery` events were folded since it last got one (counted from the kept
   * state; from the start of the stream when none is kept), as a fold from the persisted snapshot would.
   */
  async save(streamId: string, version: string, snapshot: Snapshot): Promise<void> {
    const kept = this.entry(streamId, version);
    const sinceSaved =
      kept && snapshot.revision >= kept.snapshot.revision
        ? kept.sinceSaved + Number(snapshot.revision - kept.snapshot.revision)
        : Number(snapshot.revision) + 1;
    const due = sinceSaved >= (this.persisted.saveEvery ?? DEFAULT_SNAPSHOT_EVERY);
    this.remember(streamId, version, snapshot, due ? 0 : sinceSaved);
    if (due) await this.persisted.save(streamId, version, snapshot);
  }

  close(): Promise<void> {
    this.recent.clear();
    return this.persisted.close();
  }
}
