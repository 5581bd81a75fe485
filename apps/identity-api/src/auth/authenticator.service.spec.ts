import { apiKeyDecider, apiKeyStream } from '@identity/domain';
import { handleCommand, InMemoryEventStore, InMemorySnapshotStore } from '@identity/event-store';
import { generateApiKey, hashApiKeySecret, SessionTokens } from '@identity/security';
import { FixedClock } from '@identity/testing';
import { API_KEY_RECHECK_MS, Authenticator } from './authenticator.service';
import { SessionActivity } from './session-activity';

const meta = { correlationId: 'c', causationId: null, actor: 'cli', ip: null, userAgent: null };

describe('Authenticator and API keys', () => {
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  const store = new InMemoryEventStore();
  // Machines only here: no session is checked, so no activity is recorded.
  const noActivity = { seen: () => undefined } as unknown as SessionActivity;
  const authenticator = new Authenticator(new SessionTokens(Buffer.alloc(32, 7)), store, new InMemorySnapshotStore(), clock, noActivity);
  afterAll(() => store.close());

  async function newKey(expiresAt: string | null = null) {
    const { keyId, key, secret } = generateApiKey();
    const command = {
      type: 'CreateApiKey' as const,
      keyId,
      name: 'k',
      role: 'auditor' as const,
      secretHash: hashApiKeySecret(secret),
      expiresAt,
    };
    await handleCommand(store, apiKeyStream(keyId), apiKeyDecider, () => ({ ...command, now: clock.now().toISOString() }), meta);
    return { keyId, key };
  }
  const revoke = (keyId: string) =>
    handleCommand(
      store,
      apiKeyStream(keyId),
      apiKeyDecider,
      () => ({ type: 'RevokeApiKey' as const, keyId, by: 'cli', now: clock.now().toISOString() }),
      meta,
    );
  const asMachine = (apiKey: string) => authenticator.authenticate({ bearer: null, apiKey });

  it('re-reads a known key at most every API_KEY_RECHECK_MS, so a revocation elsewhere holds within that', async () => {
    const { keyId, key } = await newKey();
    expect(await asMachine(key)).toMatchObject({ kind: 'machine', keyId, role: 'auditor' });
    await revoke(keyId);
    expect(API_KEY_RECHECK_MS).toBeLessThanOrEqual(1000);
    clock.advanceSeconds(API_KEY_RECHECK_MS / 1000);
    expect(await asMachine(key)).toBeNull();
  });

  it('refuses a revoked key at once once this instance forgets it', async () => {
    const { keyId, key } = await newKey();
    expect(await asMachine(key)).not.toBeNull();
    await revoke(keyId);
    authenticator.forget(keyId);
    expect(await asMachine(key)).toBeNull();
  });

  it('checks expiry against the clock on every request, cached or not', async () => {
    const expiresAt = new Date(clock.now().getTime() + 100).toISOString();
    const { key } = await newKey(expiresAt);
    expect(await asMachine(key)).not.toBeNull();
    clock.advanceSeconds(0.1);
    expect(await asMachine(key)).toBeNull();
  });

  it('keeps the last state of a key read before while the store cannot be read', async () => {
    const { keyId, key } = await newKey();
    expect(await asMachine(key)).toMatchObject({ keyId });
    clock.advanceSeconds(1);
    const readStream = jest.spyOn(store, 'readStream').mockRejectedValue(new Error('store down'));
    try {
      expect(await asMachine(key)).toMatchObject({ keyId });
      await expect(asMachine(generateApiKey().key)).rejects.toThrow('store down');
    } finally {
      readStream.mockRestore();
    }
  });
});
