/** `ramUsers` cursors: opaque to clients, base64url of `v1:<addedAt>|<accountId>` (the keyset of `ram_users.v1`). */
const CURSOR_TEXT = /^v1:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([A-Za-z0-9-]{1,100})$/;
const BASE64URL = /^[A-Za-z0-9_-]{1,200}$/;

export function encodeRamUserCursor(addedAt: string, accountId: string): string {
  return Buffer.from(`v1:${addedAt}|${accountId}`, 'utf8').toString('base64url');
}

/** The keyset a cursor stands for, or null when the text is not a cursor this service handed out. */
export function decodeRamUserCursor(cursor: string): { addedAt: string; accountId: string } | null {
  if (!BASE64URL.test(cursor)) return null;
  const match = CURSOR_TEXT.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const [, addedAt, accountId] = match ?? [];
  return addedAt && accountId ? { addedAt, accountId } : null;
}
