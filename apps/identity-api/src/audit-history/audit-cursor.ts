/**
 * Audit trail cursors: opaque to clients, base64url of `v1:<seq>` where `seq` is the row's place in
 * `audit_history.v1` (insertion order, which is the event store's position order).
 */
const CURSOR_TEXT = /^v1:(\d{1,16})$/;
const BASE64URL = /^[A-Za-z0-9_-]{1,40}$/;

export function encodeAuditCursor(seq: number): string {
  return Buffer.from(`v1:${seq}`, 'utf8').toString('base64url');
}

/** The `seq` a cursor stands for, or `null` when the text is not a cursor this service handed out. */
export function decodeAuditCursor(cursor: string): number | null {
  if (!BASE64URL.test(cursor)) return null;
  const match = CURSOR_TEXT.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) return null;
  const seq = Number(match[1]);
  return Number.isSafeInteger(seq) ? seq : null;
}
