import { Position } from '../event-store.port';
import { positionToString } from '../position';

/**
 * A stored event that cannot be turned back into an event (its data or metadata is no longer JSON):
 * damage or tampering. It names the event so that a reader such as `audit verify` can report it and
 * go on after its position.
 */
export class UnreadableEventError extends Error {
  readonly code = 'UNREADABLE_EVENT';
  constructor(
    readonly streamId: string,
    readonly revision: bigint,
    readonly eventId: string,
    readonly position: Position,
    reason: string,
  ) {
    super(`event ${eventId} (${streamId}@${revision}, position ${positionToString(position)}) is unreadable: ${reason}`);
    this.name = 'UnreadableEventError';
  }
}
