import { startAppForSuite } from '../support/app-for-suite';
import { encodingsOf, findNeedles, readFilesUnder } from '../support/byte-scan';
import { login } from '../support/flow';
import { bearer, expectError } from '../support/graphql-client';
import { createApiKey } from '../support/graphql-ws-subscriber';
import { RegisteredAccount, registerAndLogin } from '../support/protected-account';
import { WebhookClient } from '../support/webhook-client';
import { verify, WebhookReceiver } from '../support/webhook-receiver';
import { defined } from '@identity/testing';

const TYPES = ['identity.login.succeeded.v1'];

// Issue 5, acceptance 3 and the webhook registry: who may manage webhooks, what is refused, rotation, deletion.
describe('managing webhooks', () => {
  const suite = startAppForSuite({ env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' } });
  let receiver: WebhookReceiver;
  let webhooks: WebhookClient;
  let integrator: { 'x-api-key': string };
  let admin: { 'x-api-key': string };
  let person: RegisteredAccount;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    webhooks = new WebhookClient(suite.app.graphqlUrl);
    const keyFor = async (role: 'integrator' | 'admin', i: number) => ({
      'x-api-key': await createApiKey(suite.app.env, role, `${role} ${i}`),
    });
    [integrator, admin] = await Promise.all([keyFor('integrator', 0), keyFor('admin', 1)]);
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

  let keys = 0;
  /** A key of its own for a test, so that no test sees another's webhooks in its list. */
  const newIntegrator = async () => ({ 'x-api-key': await createApiKey(suite.app.env, 'integrator', `integrator ${++keys}`) });
  /** A receiver URL of its own for a test, and a filter for the requests that reached it. */
  const hookUrl = (name: string) => `${receiver.url}?hook=${name}`;
  const sentTo = (name: string) => receiver.requests.filter((r) => r.path.endsWith(`?hook=${name}`));

  it('keeps an integrator to its own webhooks; an admin manages all', async () => {
    const [integrator, otherIntegrator] = await Promise.all([newIntegrator(), newIntegrator()]);
    const mine = await webhooks.mustCreate(integrator, { url: hookUrl('mine'), eventTypes: TYPES });
    const theirs = await webhooks.mustCreate(otherIntegrator, { url: hookUrl('theirs'), eventTypes: TYPES });
    const adminSees = async () => (await webhooks.mustList(admin)).map((w) => w.webhookId);
    expect((await webhooks.mustList(integrator)).map((w) => w.webhookId)).toEqual([mine.webhookId]);
    expect(await adminSees()).toEqual(expect.arrayContaining([mine.webhookId, theirs.webhookId]));
    expect((await webhooks.mustList(integrator))[0]).toMatchObject({
      url: hookUrl('mine'),
      eventTypes: TYPES,
      secret: null,
      state: 'ACTIVE',
    });
    expectError(await webhooks.delete(integrator, theirs.webhookId), 'BAD_USER_INPUT');
    expectError(await webhooks.rotate(integrator, theirs.webhookId), 'BAD_USER_INPUT');
    expectError(await webhooks.resume(integrator, theirs.webhookId), 'BAD_USER_INPUT');
    expect((await webhooks.delete(admin, theirs.webhookId)).body.data).toEqual({ deleteWebhook: true });
    expectError(await webhooks.delete(admin, theirs.webhookId), 'BAD_USER_INPUT');
    expect(await adminSees()).toContain(mine.webhookId);
    expect(await adminSees()).not.toContain(theirs.webhookId);
    await webhooks.delete(integrator, mine.webhookId);
  });

  it('signs with the new and the previous secret after a rotation, and with the new one alone once the grace is over', async () => {
    const integrator = await newIntegrator();
    const hook = await webhooks.mustCreate(integrator, { url: hookUrl('rotated'), eventTypes: TYPES });
    const first = hook.secret ?? '';
    const rotated = (await webhooks.rotate(integrator, hook.webhookId, 3600)).body.data?.rotateWebhookSecret;
    expect(rotated?.secret).toMatch(/^whsec_/);
    expect(rotated?.secret).not.toBe(first);
    receiver.verifyWith(rotated?.secret ?? '');
    await login(suite.api, { loginName: person.loginName, password: person.password });
    await receiver.waitFor(() => sentTo('rotated').length > 0);
    const during = sentTo('rotated').at(-1);
    expect(during?.signatures).toHaveLength(2);
    expect(during?.verified).toBe(true);
    expect(verify([first], during?.id ?? '', during?.timestamp ?? '', during?.signatures ?? [], during?.body ?? '')).toBe(true);

    const again = (await webhooks.rotate(integrator, hook.webhookId, 0)).body.data?.rotateWebhookSecret;
    receiver.verifyWith(again?.secret ?? '');
    await login(suite.api, { loginName: person.loginName, password: person.password });
    await receiver.waitFor(() => sentTo('rotated').length === 2);
    const after = sentTo('rotated').at(-1);
    expect({ signatures: after?.signatures.length, verified: after?.verified }).toEqual({ signatures: 1, verified: true });
    await webhooks.delete(integrator, hook.webhookId);
  });

  it('stops delivering to a deleted webhook', async () => {
    const integrator = await newIntegrator();
    const hook = await webhooks.mustCreate(integrator, { url: hookUrl('deleted'), eventTypes: TYPES });
    expect((await webhooks.delete(integrator, hook.webhookId)).body.data).toEqual({ deleteWebhook: true });
    const witness = await webhooks.mustCreate(admin, { url: hookUrl('witness'), eventTypes: TYPES });
    receiver.verifyWith(witness.secret ?? '');
    await login(suite.api, { loginName: person.loginName, password: person.password });
    await receiver.waitFor(() => sentTo('witness').length > 0);
    expect(sentTo('deleted')).toEqual([]);
    expect(await webhooks.mustList(integrator)).toEqual([]);
    await webhooks.delete(admin, witness.webhookId);
  });

  it('keeps no signing secret in plain text in DATA_DIR', async () => {
    const integrator = await newIntegrator();
    const hooks = await Promise.all(
      ['kept-1', 'kept-2'].map((name) => webhooks.mustCreate(integrator, { url: hookUrl(name), eventTypes: TYPES })),
    );
    const secrets = hooks.map((hook) => hook.secret ?? '');
    for (const graceSeconds of [3600, 0]) {
      secrets.push(
        (await webhooks.rotate(integrator, defined(hooks[0]).webhookId, graceSeconds)).body.data?.rotateWebhookSecret?.secret ?? '',
      );
    }
    await suite.app.stop();
    const needles = secrets
      .filter(Boolean)
      .flatMap((secret, i) => [
        ...encodingsOf(`secret ${i}`, Buffer.from(secret.slice('whsec_'.length), 'base64')),
        { label: `secret ${i} as text`, bytes: Buffer.from(secret) },
      ]);
    try {
      expect(needles.length).toBeGreaterThanOrEqual(8);
      expect(findNeedles(readFilesUnder(suite.app.dataDir), needles)).toEqual([]);
    } finally {
      await suite.app.restart(); // for any test that runs after this one
    }
  });
});
