import { randomUUID } from 'node:crypto';
import { addSeconds, API_KEY_ROLES, apiKeyDecider, ApiKeyRole, apiKeyStream } from '@identity/domain';
import { EventStore, handleCommand } from '@identity/event-store';
import { generateApiKey, hashApiKeySecret } from '@identity/security';
import { parseOptions, requiredOption, UsageError } from '../cli-args';
import { parseExpiresIn } from './api-key-duration';

/**
 * `api-key create --role auditor|integrator|admin --name NAME [--expires-in 90d]`: records the key's
 * hash (and its expiry); prints the key last.
 */
export async function createApiKey(store: EventStore, args: string[], out: (line: string) => void): Promise<void> {
  const options = parseOptions(args);
  const role = requiredOption(options, 'role');
  const name = requiredOption(options, 'name');
  if (!API_KEY_ROLES.includes(role as ApiKeyRole)) throw new UsageError(`--role must be one of ${API_KEY_ROLES.join(', ')}`);
  if (name.length > 100) throw new UsageError('--name is at most 100 characters');
  const expiresIn = options['expires-in'] === undefined ? null : parseExpiresIn(requiredOption(options, 'expires-in'));
  const { keyId, key } = generateApiKey();
  const secret = key.slice(key.lastIndexOf('_') + 1);
  const now = new Date().toISOString();
  const expiresAt = expiresIn === null ? null : addSeconds(now, expiresIn);
  await handleCommand(
    store,
    apiKeyStream(keyId),
    apiKeyDecider,
    () => ({ type: 'CreateApiKey' as const, keyId, name, role: role as ApiKeyRole, secretHash: hashApiKeySecret(secret), expiresAt, now }),
    { correlationId: randomUUID(), causationId: null, actor: 'cli', ip: null, userAgent: 'identity-cli' },
  );
  const expiry = expiresAt === null ? 'never expires' : `expires ${expiresAt}`;
  out(`created API key ${keyId} (${role}, ${JSON.stringify(name)}, ${expiry}); it is shown once, store it now:`);
  out(key);
}
