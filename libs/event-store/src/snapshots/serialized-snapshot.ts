import { createHash } from 'node:crypto';
import { Snapshot } from './snapshot-store.port';

/** A snapshot as the adapters keep it: the state as JSON text, with a checksum over all of it. */
export interface SerializedSnapshot {
  readonly revision: bigint;
  readonly eventHash: string;
  readonly state: string;
  readonly checksum: string;
}

export function serializeSnapshot(snapshot: Snapshot): SerializedSnapshot {
  const state = JSON.stringify(snapshot.state);
  if (typeof state !== 'string') throw new TypeError('a snapshot state must be JSON');
  return {
    revision: snapshot.revision,
    eventHash: snapshot.eventHash,
    state,
    checksum: checksumOf(snapshot.revision, snapshot.eventHash, state),
  };
}

/** The snapshot back, or a reason why it cannot be trusted (damaged, not JSON). */
export function deserializeSnapshot(stored: SerializedSnapshot): Snapshot | { problem: string } {
  if (typeof stored.revision !== 'bigint' || typeof stored.eventHash !== 'string' || typeof stored.state !== 'string') {
    return { problem: 'a column has the wrong type' };
  }
  if (checksumOf(stored.revision, stored.eventHash, stored.state) !== stored.checksum) return { problem: 'checksum mismatch' };
  try {
    return { state: JSON.parse(stored.state) as unknown, revision: stored.revision, eventHash: stored.eventHash };
  } catch {
    return { problem: 'state is not JSON' };
  }
}

export function isSnapshot(value: Snapshot | { problem: string }): value is Snapshot {
  return !('problem' in value);
}

function checksumOf(revision: bigint, eventHash: string, state: string): string {
  return createHash('sha256').update(`${revision.toString()}\n${eventHash}\n${state}`, 'utf8').digest('hex');
}
