import { deciderSpec } from '@identity/testing';
import { apiKeyDecider, ApiKeyEvent, ApiKeyRole, apiKeyStatus, apiKeyUsable } from './api-key.decider';
import { decodeApiKeyEvent } from './api-key.registry';

const spec = deciderSpec(apiKeyDecider);
const create = {
  type: 'CreateApiKey' as const,
  keyId: 'k1',
  name: 'audit bot',
  role: 'auditor' as ApiKeyRole,
  secretHash: 'h',
  now: '2026-01-01T00:00:00.000Z',
};
const fold = (events: ApiKeyEvent[]) => events.reduce(apiKeyDecider.evolve, apiKeyDecider.initialState());
const created = (expiresAt: string | null = null) =>
  spec
    .given([])
    .when({ ...create, expiresAt })
    .events();
const revoke = { type: 'RevokeApiKey' as const, keyId: 'k1', by: 'cli', now: '2026-01-02T00:00:00.000Z' };

describe('CreateApiKey', () => {
  it('records the key with its hash only, and no expiry unless asked', () =>
    spec
      .given([])
      .when(create)
      .then([
        {
          type: 'ApiKeyCreated',
          data: { keyId: 'k1', name: 'audit bot', role: 'auditor', secretHash: 'h', expiresAt: null, at: create.now },
        },
      ]));
  it('records an expiry in the future', () =>
    expect(created('2026-04-01T00:00:00.000Z')[0]?.data).toMatchObject({ expiresAt: '2026-04-01T00:00:00.000Z' }));
  it('refuses an expiry that is not in the future', () =>
    spec
      .given([])
      .when({ ...create, expiresAt: create.now })
      .thenThrows('INVALID_REQUEST', 'expiresAt'));
  it('refuses an unknown role', () =>
    spec
      .given([])
      .when({ ...create, role: 'root' as ApiKeyRole })
      .thenThrows('INVALID_REQUEST', 'role'));
  it('refuses a key id in use', () => spec.given(created()).when(create).thenThrows('API_KEY_EXISTS'));
});

describe('RevokeApiKey', () => {
  it('revokes a key once; again records nothing', () => {
    spec
      .given(created())
      .when(revoke)
      .then([{ type: 'ApiKeyRevoked', data: { keyId: 'k1', by: 'cli', at: revoke.now } }]);
    const revoked = [...created(), ...spec.given(created()).when(revoke).events()];
    spec.given(revoked).when(revoke).then([]);
  });
  it('refuses an unknown key, naming keyId', () => spec.given([]).when(revoke).thenThrows('API_KEY_NOT_FOUND', 'keyId'));
});

describe('whether a key may authenticate', () => {
  it('is usable until revoked', () => {
    expect(apiKeyUsable(fold(created()), revoke.now)).toBe(true);
    const revoked = fold([...created(), ...spec.given(created()).when(revoke).events()]);
    expect(apiKeyStatus(revoked, revoke.now)).toBe('REVOKED');
    expect(apiKeyUsable(revoked, revoke.now)).toBe(false);
  });
  it('is refused from its expiry on', () => {
    const state = fold(created('2026-01-01T01:00:00.000Z'));
    expect(apiKeyUsable(state, '2026-01-01T00:59:59.999Z')).toBe(true);
    expect(apiKeyStatus(state, '2026-01-01T01:00:00.000Z')).toBe('EXPIRED');
    expect(apiKeyUsable(state, '2026-01-01T01:00:00.000Z')).toBe(false);
  });
  it('folds a key stored before expiry existed as one that never expires', () => {
    const stored = decodeApiKeyEvent('ApiKeyCreated', { keyId: 'k0', name: 'old', role: 'admin', secretHash: 'h', at: create.now });
    expect(stored.data).toMatchObject({ expiresAt: null });
    expect(apiKeyUsable(fold([stored]), '2099-01-01T00:00:00.000Z')).toBe(true);
  });
});
