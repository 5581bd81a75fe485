import { eventSubject, redactEventData, streamCategory } from '@identity/domain';
import { positionToString, RecordedEvent } from '@identity/event-store';

export const DEFAULT_CLOUD_EVENT_SOURCE = 'urn:identity-service';

/** A CloudEvents 1.0 event in the JSON format, with this service's extension attributes (docs/audit.md). */
export interface AuditCloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject?: string;
  time: string;
  datacontenttype: 'application/json';
  data: Record<string, unknown>;
  [extension: string]: unknown;
}

/**
 * One event as a CloudEvent: `type` is `identity.<stream category>.<event type>`, `subject` the
 * account the event is about (when there is one), `time` when it was appended, `data` redacted
 * (hashes, encrypted boxes and destinations become `[redacted]`). Extensions are strings, left out
 * when null.
 */
export function toCloudEvent(event: RecordedEvent, source: string): AuditCloudEvent {
  const subject = eventSubject(event.streamId, event.data);
  const m = event.metadata as Record<string, unknown>;
  const extensions: Record<string, unknown> = {
    position: positionToString(event.position),
    streamid: event.streamId,
    revision: event.revision.toString(),
    eventhash: m.hash,
    previoushash: m.previousHash,
    actor: m.actor,
    correlationid: m.correlationId,
    causationid: m.causationId,
    clientip: m.ip,
    useragent: m.userAgent,
  };
  return {
    specversion: '1.0',
    id: event.id,
    source,
    type: `identity.${streamCategory(event.streamId)}.${event.type}`,
    ...(subject === null ? {} : { subject }),
    time: timeOf(event),
    datacontenttype: 'application/json',
    data: redactEventData(event.type, event.data),
    ...Object.fromEntries(Object.entries(extensions).filter(([, value]) => typeof value === 'string')),
  };
}

/** When the event was appended (`metadata.occurredAt`); for events from before chaining, the store's time. */
export function timeOf(event: RecordedEvent): string {
  const occurredAt = event.metadata.occurredAt;
  return typeof occurredAt === 'string' ? occurredAt : event.recordedAt.toISOString();
}
