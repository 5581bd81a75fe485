import { createHash } from 'node:crypto';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** Visible ASCII, 1 to 255 characters (a UUID is the usual choice), as the IETF draft and Stripe take it. */
const KEY = /^[\x21-\x7e]{1,255}$/;

export function isWellFormedIdempotencyKey(key: string): boolean {
  return KEY.test(key);
}

/** What makes two requests "the same request" for one key: the document, the variables and the operation name. */
export function requestFingerprint(request: { query?: string; variables?: unknown; operationName?: string | null }): string {
  const canonical = JSON.stringify([request.query ?? '', request.variables ?? {}, request.operationName ?? null]);
  return createHash('sha256').update(canonical).digest('base64url');
}

/** Codes whose answer a retry must not get again: the mutation did not run to a decision, so it may run anew. */
const ANSWERS_TO_RETRY = new Set(['UNAVAILABLE', 'RATE_LIMITED', 'CONFLICT', 'INTERNAL_SERVER_ERROR']);

export function isAnswerToKeep(codes: readonly string[]): boolean {
  return !codes.some((code) => ANSWERS_TO_RETRY.has(code));
}
