import { MalformedEventError } from '@identity/domain';
import { positionToString, RecordedEvent, UnreadableEventError } from '@identity/event-store';

/** The event a projection could not apply because the event itself is damaged, not the database. */
export interface ProjectionDamage {
  position: string;
  streamId: string;
  revision: string;
  detail: string;
}

/**
 * Whether `error` says the event is damaged (its stored JSON unreadable, or its data refused by its
 * type's decoder): then retrying cannot help until the store is repaired. `event` is the one being
 * applied, when the error came from applying it rather than from reading.
 */
export function damageOf(error: unknown, event: RecordedEvent | null): ProjectionDamage | null {
  if (error instanceof UnreadableEventError) {
    return {
      position: positionToString(error.position),
      streamId: error.streamId,
      revision: error.revision.toString(),
      detail: error.message,
    };
  }
  if (error instanceof MalformedEventError && event) {
    return {
      position: positionToString(event.position),
      streamId: event.streamId,
      revision: event.revision.toString(),
      detail: error.message,
    };
  }
  return null;
}

/** `projections rebuild` met a damaged event: names the projection and where, so the operator can repair it. */
export class ProjectionDamageError extends Error {
  constructor(
    readonly projection: string,
    readonly damage: ProjectionDamage,
  ) {
    super(
      `${projection} stopped at the damaged event at position ${damage.position} (${damage.streamId}@${damage.revision}): ${damage.detail}`,
    );
    this.name = 'ProjectionDamageError';
  }
}
