import { EventStore, Position, RecordedEvent } from '../event-store.port';
import { comparePositions, positionToString } from '../position';
import { isAuditDigestStream, StreamHead } from './audit-digest';
import { linkHashOf } from './event-hash';

/**
 * The head of every stream but the digest streams, kept up to date by reading `$all` from where it
 * left off (streamed: memory grows with the number of streams, not of events). Also tells whether
 * any such stream changed after the last digest it saw.
 */
export class StreamHeadsTracker {
  readonly heads = new Map<string, StreamHead>();
  private position: Position | undefined;
  private lastChange: Position | undefined;
  private lastDigest: Position | undefined;

  async catchUp(store: EventStore, onProgress?: (events: number) => void): Promise<number> {
    let count = 0;
    for await (const event of store.readAll({ after: this.position })) {
      this.observe(event);
      if (++count % 10_000 === 0) onProgress?.(count);
    }
    return count;
  }

  observe(event: RecordedEvent): void {
    this.position = event.position;
    if (isAuditDigestStream(event.streamId)) {
      this.lastDigest = event.position;
      return;
    }
    this.lastChange = event.position;
    this.heads.set(event.streamId, { revision: event.revision, hash: linkHashOf(event) });
  }

  /** The last position read, in text form (null before any event). */
  coveredPosition(): string | null {
    return this.position === undefined ? null : positionToString(this.position);
  }

  changedSinceLastDigest(): boolean {
    if (this.lastChange === undefined) return false;
    return this.lastDigest === undefined || comparePositions(this.lastChange, this.lastDigest) > 0;
  }
}
