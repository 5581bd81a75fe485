import { deciderSpec } from '@identity/testing';
import { apiKeyDecider, ApiKeyRole } from './api-key.decider';

const spec = deciderSpec(apiKeyDecider);
const create = {
  type: 'CreateApiKey' as const,
  keyId: 'k1',
  name: 'audit bot',
  role: 'auditor' as ApiKeyRole,
  secretHash: 'h',
  now: '2026-01-01T00:00:00.000Z',
};

describe('CreateApiKey', () => {
  it('records the key with its hash only', () =>
    spec
      .given([])
      .when(create)
      .then([{ type: 'ApiKeyCreated', data: { keyId: 'k1', name: 'audit bot', role: 'auditor', secretHash: 'h', at: create.now } }]));
  it('refuses an unknown role', () =>
    spec
      .given([])
      .when({ ...create, role: 'root' as ApiKeyRole })
      .thenThrows('INVALID_REQUEST', 'role'));
  it('refuses a key id in use', () => spec.given(spec.given([]).when(create).events()).when(create).thenThrows('API_KEY_EXISTS'));
});
