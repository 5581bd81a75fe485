import { fieldReader } from '../registry/field-reader';
import { eventSpecOfStream } from '../registry/event-registries';
import { streamEntityId } from '../shared/stream-names';
import { Instant } from '../shared/types';
import { IntegrationEvent } from './integration-event.types';

export { PROTECTION_CHANGED_ID_SUFFIX } from './account-integration';

/** A domain event as the store recorded it, with its position in text form (`positionToString`). */
export interface StoredDomainEvent {
  id: string;
  streamId: string;
  type: string;
  data: Record<string, unknown>;
  position: string;
  recordedAt: Instant;
}

/**
 * The integration events one stored domain event stands for, as its type's registry entry says:
 * none (most events are internal, and a stream or type this service does not write publishes
 * nothing), one, or two (`ProtectionEnabled`, `ProtectionDisabled`). The stored data is decoded
 * first (MalformedEventError when it does not fit its type). Pure: same input, same output, so a
 * replay gives the same events with the same ids.
 */
export function toIntegrationEvents(stored: StoredDomainEvent): IntegrationEvent[] {
  const spec = eventSpecOfStream(stored.streamId, stored.type);
  if (spec === null || spec.integration === null) return [];
  const data = spec.decode(fieldReader(stored.type, stored.data));
  const source = { id: stored.id, entityId: streamEntityId(stored.streamId), position: stored.position, time: data.at };
  const map = spec.integration as (event: { type: string; data: unknown }, s: typeof source) => IntegrationEvent[];
  return map({ type: stored.type, data }, source);
}
