import { apiKeyStatus } from '@identity/domain';
import { EventStore } from '@identity/event-store';
import { listApiKeys } from '@identity/read-models';
import { parseOptions } from '../cli-args';

const COLUMNS = ['KEY_ID', 'NAME', 'ROLE', 'CREATED', 'EXPIRES', 'REVOKED', 'STATUS'];

/** `api-key list [--json]`: every key with its id, name, role, creation, expiry and revocation; never a secret or hash. */
export async function listApiKeysCommand(store: EventStore, args: string[], out: (line: string) => void): Promise<void> {
  const options = parseOptions(args);
  const now = new Date().toISOString();
  const keys = (await listApiKeys(store)).map((key) => ({
    keyId: key.keyId,
    name: key.name ?? '',
    role: key.role ?? '',
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
    status: apiKeyStatus({ ...key, exists: true, secretHash: null }, now),
  }));
  if (options.json === true) {
    for (const key of keys) out(JSON.stringify(key));
    return;
  }
  out(COLUMNS.join('\t'));
  for (const k of keys) {
    out([k.keyId, JSON.stringify(k.name), k.role, k.createdAt ?? '-', k.expiresAt ?? '-', k.revokedAt ?? '-', k.status].join('\t'));
  }
}
