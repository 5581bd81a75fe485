/**
 * What an event's data may show outside the service (audit rows, exports, feeds): hashes, encrypted
 * boxes and anything secret become `[redacted]`; masked destinations stay, they are meant to be shown.
 */
const REDACTED_FIELDS = new Set(['passwordHash', 'codeHash', 'secret', 'secretHash', 'email', 'phone']);
export const REDACTED = '[redacted]';

export function redactEventData(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, REDACTED_FIELDS.has(key) && value !== null ? REDACTED : value]),
  );
}
