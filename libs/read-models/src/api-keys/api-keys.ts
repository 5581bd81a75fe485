import { API_KEY_EVENT_TYPES, apiKeyDecider, ApiKeyState, apiKeyStream, STREAM_CATEGORIES, streamEntityId } from '@identity/domain';
import { EventStore, RecordedEvent } from '@identity/event-store';

const API_KEY_PREFIX = `${STREAM_CATEGORIES.apiKey}-`;
const KNOWN = new Set<string>(API_KEY_EVENT_TYPES);

/** What may be shown about a key: never its secret or the secret's hash. */
export type ApiKeySummary = Omit<ApiKeyState, 'secretHash' | 'exists'> & { keyId: string };

function foldInto(state: ApiKeyState, recorded: RecordedEvent): ApiKeyState {
  if (!KNOWN.has(recorded.type)) return state;
  return apiKeyDecider.evolve(state, apiKeyDecider.decode(recorded.type, recorded.data));
}

/** One key's state, read from its own stream (so a key created or revoked by the CLI is seen at once). */
export async function loadApiKey(store: EventStore, keyId: string): Promise<ApiKeyState> {
  return (await store.readStream(apiKeyStream(keyId))).reduce(foldInto, apiKeyDecider.initialState());
}

/**
 * Every API key ever created, oldest first, from the `apikey-…` streams (not a projection: the CLI
 * lists them with the server stopped, and a key just created is listed at once).
 */
export async function listApiKeys(store: EventStore): Promise<ApiKeySummary[]> {
  const keys = new Map<string, ApiKeyState>();
  for await (const recorded of store.readAll({ streamPrefixes: [API_KEY_PREFIX] })) {
    if (!recorded.streamId.startsWith(API_KEY_PREFIX)) continue;
    const keyId = streamEntityId(recorded.streamId);
    keys.set(keyId, foldInto(keys.get(keyId) ?? apiKeyDecider.initialState(), recorded));
  }
  return [...keys.entries()]
    .filter(([, state]) => state.exists)
    .map(([keyId, { secretHash: _hash, exists: _exists, ...shown }]) => ({ ...shown, keyId }));
}
