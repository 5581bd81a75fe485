import { eventSpecFor } from '../registry/event-registries';

export const REDACTED = '[redacted]';

/**
 * What an event's data may show outside the service (audit rows, exports, feeds), driven by the
 * event registry: the fields its type lists in `auditFields` stay; any other field with a value is
 * `[redacted]` (a null shows nothing and stays null). A type the registry does not know shows no
 * value at all. Masked destinations are listed: they are meant to be shown.
 */
export function redactEventData(type: string, data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const visible = new Set<string>(eventSpecFor(type)?.auditFields ?? []);
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, visible.has(key) || value === null ? value : REDACTED]));
}
