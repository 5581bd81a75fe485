import { STREAM_CATEGORIES, streamCategory, streamEntityId } from './stream-names';

/**
 * The account an event is about: the id of its account stream, or else the `accountId` its data
 * names (a login name's claim); null for events about no account (webhooks, API keys).
 */
export function eventSubject(streamId: string, data: Readonly<Record<string, unknown>>): string | null {
  if (streamCategory(streamId) === STREAM_CATEGORIES.account) return streamEntityId(streamId);
  return typeof data.accountId === 'string' ? data.accountId : null;
}
