import { EventStore, SqliteEventStore } from '@identity/event-store';

/** About how many events a full read of the store gives (for a progress bar), or null when it cannot tell cheaply. */
export function estimatedEvents(store: EventStore): number | null {
  if (!(store instanceof SqliteEventStore)) return null;
  const last = store.lastPosition();
  return last === null ? 0 : Number(last);
}
