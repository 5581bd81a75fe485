/** One thing `audit verify` found wrong: which event or row, and what. */
export interface AuditMismatch {
  kind: string;
  streamId: string;
  revision: bigint | null;
  eventId: string | null;
  detail: string;
}

/** `MISMATCH <kind> <stream>@<revision> <eventId>: <what>` (`-` for an unknown revision or event id). */
export function formatMismatch(m: AuditMismatch): string {
  return `MISMATCH ${m.kind} ${m.streamId}@${m.revision ?? '-'} ${m.eventId ?? '-'}: ${m.detail}`;
}
