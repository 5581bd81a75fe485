import { startAppForSuite } from '../support/app-for-suite';
import { encodingsOf, findNeedles, readFilesUnder } from '../support/byte-scan';
import { login } from '../support/flow';
import { bearer, expectError } from '../support/graphql-client';
import { createApiKey } from '../support/graphql-ws-subscriber';
import { RegisteredAccount, registerAndLogin } from '../support/protected-account';
import { WebhookClient } from '../support/webhook-client';
import { verify, WebhookReceiver } from '../support/webhook-receiver';

const TYPES = ['identity.login.succeeded.v1'];

// Issue 5, acceptance 3 and the webhook registry: who may manage webhooks, what is refused, rotation, deletion.
describe('managing webhooks', () => {
  const suite = startAppForSuite({ env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' } });
  let receiver: WebhookReceiver;
  let webhooks: WebhookClient;
  let integrator: { 'x-api-key': string };
  let otherIntegrator: { 'x-api-key': string };
  let admin: { 'x-api-key': string };
  let person: RegisteredAccount;
  const secrets: string[] = [];

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    webhooks = new WebhookClient(suite.app.graphqlUrl);
    [integrator, otherIntegrator, admin] = await Promise.all(
      (['integrator', 'integrator', 'admin'] as const).map(async (role, i) => ({ 'x-api-key': await createApiKey(suite.app.env, role, `${role} ${i}`) })),
    );
    person = await registerAndLogin(suite.api);
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('refuses people and auditors (FORBIDDEN) and callers without credentials (UNAUTHENTICATED)', async () => {
    const auditor = { 'x-api-key': await createApiKey(suite.app.env, 'auditor') };
    const input = { url: receiver.url, eventTypes: TYPES };
    expectError(await webhooks.create(bearer(person.token), input), 'FORBIDDEN');
    expectError(await webhooks.create(auditor, input), 'FORBIDDEN');
    expectError(await webhooks.create({}, input), 'UNAUTHENTICATED');
    expectError(await webhooks.list(bearer(person.token)), 'FORBIDDEN');
    expectError(await webhooks.list(auditor), 'FORBIDDEN');
    expect(await webhooks.mustList(admin)).toEqual([]);
  });

  it.each([
    ['an unknown event type', { eventTypes: ['AccountLocked'] }],
    ['no event type', { eventTypes: [] }],
    ['another scheme', { url: 'ftp://127.0.0.1/hook' }],
    ['credentials in the URL', { url: 'http://user:secret@127.0.0.1/hook' }],
    ['a host that does not resolve', { url: 'http://no-such-host.invalid/hook' }],
  ])('refuses %s (BAD_USER_INPUT)', async (_label, change) => {
    expectError(await webhooks.create(integrator, { url: receiver.url, eventTypes: TYPES, ...change }), 'BAD_USER_INPUT');
  });

  it("keeps an integrator to its own webhooks; an admin manages all", async () => {
    const mine = await webhooks.mustCreate(integrator, { url: `${receiver.url}?hook=mine`, eventTypes: TYPES });
    const theirs = await webhooks.mustCreate(otherIntegrator, { url: `${receiver.url}?hook=theirs`, eventTypes: TYPES });
    secrets.push(mine.secret ?? '', theirs.secret ?? '');
    expect((await webhooks.mustList(integrator)).map((w) => w.webhookId)).toEqual([mine.webhookId]);
    expect((await webhooks.mustList(admin)).map((w) => w.webhookId).sort()).toEqual([mine.webhookId, theirs.webhookId].sort());
    expect((await webhooks.mustList(integrator))[0]).toMatchObject({ url: `${receiver.url}?hook=mine`, eventTypes: TYPES, secret: null, state: 'ACTIVE' });
    expectError(await webhooks.delete(integrator, theirs.webhookId), 'BAD_USER_INPUT');
    expectError(await webhooks.rotate(integrator, theirs.webhookId), 'BAD_USER_INPUT');
    expectError(await webhooks.resume(integrator, theirs.webhookId), 'BAD_USER_INPUT');
    expect((await webhooks.delete(admin, theirs.webhookId)).body.data).toEqual({ deleteWebhook: true });
    expectError(await webhooks.delete(admin, theirs.webhookId), 'BAD_USER_INPUT');
    expect((await webhooks.mustList(admin)).map((w) => w.webhookId)).toEqual([mine.webhookId]);
  });

  it('signs with the new and the previous secret after a rotation, and with the new one alone once the grace is over', async () => {
    const [hook] = await webhooks.mustList(integrator);
    const first = secrets[0];
    const rotated = (await webhooks.rotate(integrator, hook.webhookId, 3600)).body.data?.rotateWebhookSecret;
    expect(rotated?.secret).toMatch(/^whsec_/);
    expect(rotated?.secret).not.toBe(first);
    secrets.push(rotated?.secret ?? '');
    receiver.verifyWith(rotated?.secret ?? '');
    await login(suite.api, { loginName: person.loginName, password: person.password });
    await receiver.waitFor((all) => all.some((r) => r.path.endsWith('?hook=mine')));
    const during = receiver.requests.filter((r) => r.path.endsWith('?hook=mine')).at(-1);
    expect(during?.signatures).toHaveLength(2);
    expect(during?.verified).toBe(true);
    expect(verify([first], during?.id ?? '', during?.timestamp ?? '', during?.signatures ?? [], during?.body ?? '')).toBe(true);

    const again = (await webhooks.rotate(integrator, hook.webhookId, 0)).body.data?.rotateWebhookSecret;
    secrets.push(again?.secret ?? '');
    receiver.verifyWith(again?.secret ?? '');
    await login(suite.api, { loginName: person.loginName, password: person.password });
    await receiver.waitFor((all) => all.filter((r) => r.path.endsWith('?hook=mine')).length === 2);
    const after = receiver.requests.filter((r) => r.path.endsWith('?hook=mine')).at(-1);
    expect({ signatures: after?.signatures.length, verified: after?.verified }).toEqual({ signatures: 1, verified: true });
  });

  it('stops delivering to a deleted webhook', async () => {
    const [hook] = await webhooks.mustList(integrator);
    expect((await webhooks.delete(integrator, hook.webhookId)).body.data).toEqual({ deleteWebhook: true });
    const witness = await webhooks.mustCreate(admin, { url: `${receiver.url}?hook=witness`, eventTypes: TYPES });
    secrets.push(witness.secret ?? '');
    const before = receiver.requests.filter((r) => r.path.endsWith('?hook=mine')).length;
    await login(suite.api, { loginName: person.loginName, password: person.password });
    await receiver.waitFor((all) => all.some((r) => r.path.endsWith('?hook=witness')));
    expect(receiver.requests.filter((r) => r.path.endsWith('?hook=mine')).length).toBe(before);
    expect((await webhooks.mustList(integrator))).toEqual([]);
  });

  it('keeps no signing secret in plain text in DATA_DIR', async () => {
    await suite.app.stop();
    const needles = secrets.filter(Boolean).flatMap((secret, i) => [
      ...encodingsOf(`secret ${i}`, Buffer.from(secret.slice('whsec_'.length), 'base64')),
      { label: `secret ${i} as text`, bytes: Buffer.from(secret) },
    ]);
    expect(needles.length).toBeGreaterThanOrEqual(8);
    expect(findNeedles(readFilesUnder(suite.app.dataDir), needles)).toEqual([]);
  });
});
