/**
 * Snapshots of a stream's folded state: a cache in front of the stream, never its truth. A store
 * may lose, truncate or garble any of them; a reader compares a snapshot with the stream (the
 * revision it covers and that event's hash) before it trusts it, and refolds from the start when
 * it does not match. Adapters never fail a command: `load` answers `null` and `save` gives up
 * quietly (reporting to their own error callback) when their storage misbehaves.
 */
export interface Snapshot {
  /** The folded state, plain JSON (`JSON.stringify` must round-trip it). */
  readonly state: unknown;
  /** The revision of the last event folded into `state`. */
  readonly revision: bigint;
  /** The link hash (`linkHashOf`) of the event at `revision`, to check the snapshot against the stream. */
  readonly eventHash: string;
}

export interface SnapshotStore {
  /**
   * How many events a command should have folded since the snapshot before it saves a new one;
   * a store whose saves are cheap (in memory) asks for them more often. Absent: the caller's default.
   */
  readonly saveEvery?: number;
  /** The snapshot of `streamId` saved under `version` (the shape of the state), or null. */
  load(streamId: string, version: string): Promise<Snapshot | null>;
  /** Replaces the snapshot of `streamId` under `version`. */
  save(streamId: string, version: string, snapshot: Snapshot): Promise<void>;
  close(): Promise<void>;
}

export const SNAPSHOT_STORE = Symbol('SNAPSHOT_STORE');

/** Called with what went wrong when an adapter ignores a snapshot or gives up saving one. */
export type SnapshotErrorReporter = (message: string, error?: unknown) => void;

export function snapshotKey(streamId: string, version: string): string {
  return `${version}\u0000${streamId}`;
}
