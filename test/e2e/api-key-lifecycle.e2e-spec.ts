import { createHash } from 'node:crypto';
import { createKeyWithCli } from '../support/api-key-cli';
import { AppProcess } from '../support/app-process';
import { runCli } from '../support/cli-process';
import { expectError, gql, GqlResponse } from '../support/graphql-client';
import { Subscriber } from '../support/graphql-ws-subscriber';
import { sleep, waitUntilPast } from '../support/polling';

const API_KEYS = 'query { apiKeys { keyId name role createdAt expiresAt revokedAt status } }';
const REVOKE = 'mutation ($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) }';
/** Any query an auditor key may make; the key's own validity is what is under test. */
const AS_AUDITOR = 'query { auditTrail(first: 1) { edges { cursor } } }';

const withKey = (key: string) => ({ 'x-api-key': key });
const secretOf = (key: string) => key.slice(key.lastIndexOf('_') + 1);

/** Polls until the key is refused, at most `ms`; returns the last answer. */
async function refusedWithin(app: AppProcess, key: string, ms: number): Promise<GqlResponse> {
  const deadline = Date.now() + ms;
  let answer = await gql(app.graphqlUrl, AS_AUDITOR, {}, withKey(key));
  while (answer.body.errors?.[0]?.extensions?.code !== 'UNAUTHENTICATED' && Date.now() < deadline) {
    await sleep(50);
    answer = await gql(app.graphqlUrl, AS_AUDITOR, {}, withKey(key));
  }
  return answer;
}

/** API keys have a life: listed without secrets, revoked by the CLI or an admin, refused once expired. */
describe('API key lifecycle', () => {
  let app: AppProcess;
  let admin: string;

  beforeAll(async () => {
    app = await AppProcess.start();
    admin = (await createKeyWithCli(app.env, 'admin')).key;
  });
  afterAll(async () => app?.dispose());

  it('lists keys to an admin key with id, name, role, dates and status, never a secret or its hash', async () => {
    const auditor = await createKeyWithCli(app.env, 'auditor', ['--expires-in', '90d']);
    const listed = await gql(app.graphqlUrl, API_KEYS, {}, withKey(admin));
    const keys = (listed.body.data?.apiKeys ?? []) as Array<Record<string, unknown>>;
    expect(keys).toContainEqual(
      expect.objectContaining({ keyId: auditor.keyId, name: 'auditor e2e', role: 'auditor', status: 'ACTIVE', revokedAt: null }),
    );
    const entry = keys.find((k) => k.keyId === auditor.keyId);
    expect(Date.parse(String(entry?.expiresAt)) - Date.parse(String(entry?.createdAt))).toBe(90 * 86_400_000);
    const cli = await runCli(['api-key', 'list'], app.env);
    expect(cli.exitCode).toBe(0);
    expect(cli.stdout).toContain(auditor.keyId);
    for (const text of [listed.text, cli.stdout]) {
      for (const key of [admin, auditor.key]) {
        expect(text).not.toContain(secretOf(key));
        expect(text).not.toContain(createHash('sha256').update(secretOf(key)).digest('hex'));
      }
    }
  });

  it('refuses the listing and revocation to auditor keys and to no key', async () => {
    const auditor = await createKeyWithCli(app.env, 'auditor');
    expectError(await gql(app.graphqlUrl, API_KEYS, {}, withKey(auditor.key)), 'FORBIDDEN');
    expectError(await gql(app.graphqlUrl, REVOKE, { input: { keyId: auditor.keyId } }, withKey(auditor.key)), 'FORBIDDEN');
    expectError(await gql(app.graphqlUrl, API_KEYS), 'UNAUTHENTICATED');
  });

  it('refuses a key revoked by the CLI (another process) on the running server within a second', async () => {
    const auditor = await createKeyWithCli(app.env, 'auditor');
    const before = await gql(app.graphqlUrl, AS_AUDITOR, {}, withKey(auditor.key));
    expect(before.body.errors).toBeUndefined();
    // Used again and again: the server holds the key's state in memory.
    for (let i = 0; i < 3; i++) expect((await gql(app.graphqlUrl, AS_AUDITOR, {}, withKey(auditor.key))).body.errors).toBeUndefined();
    const revoked = await runCli(['api-key', 'revoke', auditor.keyId], app.env);
    expect(revoked.exitCode).toBe(0);
    expect(revoked.stdout).toContain(`revoked API key ${auditor.keyId}`);
    expectError(await refusedWithin(app, auditor.key, 1000), 'UNAUTHENTICATED');
    const listed = await gql(app.graphqlUrl, API_KEYS, {}, withKey(admin));
    expect(listed.body.data?.apiKeys).toContainEqual(expect.objectContaining({ keyId: auditor.keyId, status: 'REVOKED' }));
  });

  it('closes an open subscription of a key revoked meanwhile (4403)', async () => {
    const integrator = await createKeyWithCli(app.env, 'integrator');
    const subscriber = new Subscriber(app.baseUrl, { apiKey: integrator.key }, 'subscription { securityEvents { id } }');
    try {
      await subscriber.whenConnected();
      expect((await runCli(['api-key', 'revoke', integrator.keyId], app.env)).exitCode).toBe(0);
      await subscriber.waitForRefusal(3000);
      expect(subscriber.closeCode).toBe(4403);
    } finally {
      await subscriber.dispose();
    }
  });

  it('refuses a key revoked by an admin key at once; revoking it again answers true; an unknown id is BAD_USER_INPUT', async () => {
    const auditor = await createKeyWithCli(app.env, 'auditor');
    expect((await gql(app.graphqlUrl, AS_AUDITOR, {}, withKey(auditor.key))).body.errors).toBeUndefined();
    const revoke = () => gql(app.graphqlUrl, REVOKE, { input: { keyId: auditor.keyId } }, withKey(admin));
    expect((await revoke()).body.data).toEqual({ revokeApiKey: true });
    expectError(await gql(app.graphqlUrl, AS_AUDITOR, {}, withKey(auditor.key)), 'UNAUTHENTICATED');
    expect((await revoke()).body.data).toEqual({ revokeApiKey: true });
    expectError(await gql(app.graphqlUrl, REVOKE, { input: { keyId: '0123456789abcdef' } }, withKey(admin)), 'BAD_USER_INPUT');
    expectError(await gql(app.graphqlUrl, REVOKE, { input: { keyId: 'not-a-key-id' } }, withKey(admin)), 'BAD_USER_INPUT');
  });

  it('refuses an expired key, though it was accepted before its expiry', async () => {
    const shortLived = await createKeyWithCli(app.env, 'auditor', ['--expires-in', '6s']);
    expect(shortLived.expiresAt).not.toBeNull();
    expect((await gql(app.graphqlUrl, AS_AUDITOR, {}, withKey(shortLived.key))).body.errors).toBeUndefined();
    await waitUntilPast(String(shortLived.expiresAt));
    expectError(await gql(app.graphqlUrl, AS_AUDITOR, {}, withKey(shortLived.key)), 'UNAUTHENTICATED');
    const listed = await gql(app.graphqlUrl, API_KEYS, {}, withKey(admin));
    expect(listed.body.data?.apiKeys).toContainEqual(expect.objectContaining({ keyId: shortLived.keyId, status: 'EXPIRED' }));
  });

  it('refuses a bad --expires-in, naming the option', async () => {
    for (const value of ['90', '0d', '-1d', '3y', '4000d']) {
      const result = await runCli(['api-key', 'create', '--role', 'auditor', '--name', 'x', '--expires-in', value], app.env);
      expect(result.exitCode).toBe(64);
      expect(result.stderr).toMatch(/--expires-in/);
    }
  });
});
