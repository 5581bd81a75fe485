import { randomUUID } from 'node:crypto';
import { apiKeyDecider, apiKeyStream } from '@identity/domain';
import { EventStore, handleCommand } from '@identity/event-store';
import { UsageError } from '../cli-args';

const KEY_ID = /^[0-9a-f]{16}$/;

/**
 * `api-key revoke KEY_ID` (the id inside `idk_<keyId>_<secret>`): the key is refused from now on; a
 * running server stops accepting it within a second. Revoking a revoked key changes nothing.
 */
export async function revokeApiKeyCommand(store: EventStore, args: string[], out: (line: string) => void): Promise<void> {
  const [keyId, ...rest] = args;
  if (keyId === undefined || rest.length > 0) throw new UsageError('api-key revoke takes one KEY_ID');
  if (!KEY_ID.test(keyId)) throw new UsageError('KEY_ID is the 16 hex characters after idk_ in the key');
  const result = await handleCommand(
    store,
    apiKeyStream(keyId),
    apiKeyDecider,
    () => ({ type: 'RevokeApiKey' as const, keyId, by: 'cli', now: new Date().toISOString() }),
    { correlationId: randomUUID(), causationId: null, actor: 'cli', ip: null, userAgent: 'identity-cli' },
  ).catch((error: unknown) => {
    if ((error as { code?: string }).code === 'API_KEY_NOT_FOUND') throw new UsageError(`no API key ${keyId}`);
    throw error;
  });
  out(result.newEvents.length > 0 ? `revoked API key ${keyId}` : `API key ${keyId} was revoked already`);
}
