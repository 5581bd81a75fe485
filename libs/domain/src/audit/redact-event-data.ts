import { AnyEventSpec } from '../events/event-spec';
import { eventSpecFor } from '../registry/event-registries';

export const REDACTED = '[redacted]';

const NOTHING_VISIBLE: ReadonlySet<string> = new Set();
/** The fields each event spec shows, made once per spec: an audit page redacts every one of its rows. */
const visibleFieldsBySpec = new WeakMap<AnyEventSpec, ReadonlySet<string>>();

function visibleFields(type: string): ReadonlySet<string> {
  const spec = eventSpecFor(type);
  if (!spec) return NOTHING_VISIBLE;
  let visible = visibleFieldsBySpec.get(spec);
  if (!visible) {
    visible = new Set<string>(spec.auditFields ?? []);
    visibleFieldsBySpec.set(spec, visible);
  }
  return visible;
}

/**
 * What an event's data may show outside the service (audit rows, exports, feeds), driven by the
 * event registry: the fields its type lists in `auditFields` stay; any other field with a value is
 * `[redacted]` (a null shows nothing and stays null). A type the registry does not know shows no
 * value at all. Masked destinations are listed: they are meant to be shown.
 */
export function redactEventData(type: string, data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const visible = visibleFields(type);
  const shown: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const kept = visible.has(key) || value === null ? value : REDACTED;
    // Defined, not assigned: a `__proto__` key in stored JSON stays a field, as Object.fromEntries keeps it.
    if (key === '__proto__') Object.defineProperty(shown, key, { value: kept, enumerable: true, writable: true, configurable: true });
    else shown[key] = kept;
  }
  return shown;
}
