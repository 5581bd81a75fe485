import { startAppForSuite } from '../support/app-for-suite';
import { login, send } from '../support/flow';
import { createApiKey } from '../support/graphql-ws-subscriber';
import { eventually } from '../support/polling';
import { otherCode, RegisteredAccount, registerAndLogin } from '../support/protected-account';
import { WebhookClient } from '../support/webhook-client';
import { ReceivedWebhook, WebhookReceiver } from '../support/webhook-receiver';
import { defined } from '@identity/testing';

const LOGIN_TYPES = ['identity.login.succeeded.v1', 'identity.login.failed.v1'];
const MAX_FAILURES = 5;

const commitOf = (position: string) => BigInt(defined(position.split(':')[0]));
const summary = (requests: ReceivedWebhook[]) =>
  requests.map((r) => [r.event.type, r.event.subject, r.event.data.consecutiveFailures ?? null]);

function expectInStoreOrder(requests: ReceivedWebhook[]): void {
  const commits = requests.map((r) => commitOf(r.event.position));
  commits.slice(1).forEach((commit, i) => expect(commit >= defined(commits[i])).toBe(true));
  expect(new Set(requests.map((r) => r.id)).size).toBe(requests.length);
}

/** Every repeated webhook-id carries exactly the body first sent with it: a redelivery, not a new event. */
function expectDuplicatesAreRedeliveries(requests: ReceivedWebhook[]): void {
  const firstBody = new Map<string, string>();
  for (const request of requests) {
    if (!firstBody.has(request.id)) firstBody.set(request.id, request.body);
    expect(request.body).toBe(firstBody.get(request.id));
    expect(request.id).toBe(request.event.id);
  }
}

// Issue 5, acceptance 2: a real receiver verifies every signature itself; nothing is lost through
// failures, a failing period and a crash; order holds.
describe('webhook delivery (Standard Webhooks, at least once, in order)', () => {
  const suite = startAppForSuite({
    env: {
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_RETRY_BASE_MS: '20',
      WEBHOOK_RETRY_MAX_MS: '200',
      WEBHOOK_MAX_FAILURES: String(MAX_FAILURES),
      WEBHOOK_TIMEOUT_MS: '3000',
    },
  });
  let receiver: WebhookReceiver;
  let webhooks: WebhookClient;
  let integrator: { 'x-api-key': string };
  let alice: RegisteredAccount;
  const loginOk = (account: RegisteredAccount) => login(suite.api, { loginName: account.loginName, password: account.password });
  const loginFails = (account: RegisteredAccount) =>
    send(suite.api, 'login', { input: { loginName: account.loginName, password: otherCode(account.password) } });
  const on = (hook: string) => (requests: ReceivedWebhook[]) => requests.filter((r) => r.path.endsWith(`?hook=${hook}`));

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    webhooks = new WebhookClient(suite.app.graphqlUrl);
    integrator = { 'x-api-key': await createApiKey(suite.app.env, 'integrator') };
    alice = await registerAndLogin(suite.api);
  });
  afterAll(async () => {
    await receiver?.close();
  });

  it('delivers every event, signed and in order, through a stretch of 500 answers', async () => {
    const hook = await webhooks.mustCreate(integrator, { url: `${receiver.url}?hook=a`, eventTypes: LOGIN_TYPES });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    receiver.verifyWith(hook.secret ?? '');
    let refusals = 0;
    receiver.answer = (request) => (request.path.endsWith('?hook=a') && refusals++ < MAX_FAILURES - 1 ? 500 : 200);

    await loginOk(alice);
    await loginFails(alice);
    await loginFails(alice);
    await loginOk(alice);
    await loginFails(alice);
    await receiver.waitFor(() => on('a')(receiver.acknowledgedOnce()).length === 5);

    const requests = on('a')(receiver.requests);
    const delivered = on('a')(receiver.acknowledgedOnce());
    expect(summary(delivered)).toEqual([
      ['identity.login.succeeded.v1', alice.accountId, null],
      ['identity.login.failed.v1', alice.accountId, 1],
      ['identity.login.failed.v1', alice.accountId, 2],
      ['identity.login.succeeded.v1', alice.accountId, null],
      ['identity.login.failed.v1', alice.accountId, 1],
    ]);
    expectInStoreOrder(delivered);
    expect(requests.slice(0, MAX_FAILURES).map((r) => [r.id, r.status])).toEqual([
      ...Array(MAX_FAILURES - 1).fill([defined(delivered[0]).id, 500]),
      [defined(delivered[0]).id, 200],
    ]);
    expectDuplicatesAreRedeliveries(requests);
    expect(requests.every((r) => r.verified && r.signatures.length === 1)).toBe(true);
    expect(requests.every((r) => r.contentType.startsWith('application/cloudevents+json'))).toBe(true);
    expect(delivered[0]?.event).toMatchObject({ specversion: '1.0', source: '/identity/accounts', datacontenttype: 'application/json' });

    const listed = await eventually(
      () => webhooks.mustList(integrator),
      (list) => list.some((w) => w.webhookId === hook.webhookId && w.deliveredCount === 5),
    );
    expect(listed.find((w) => w.webhookId === hook.webhookId)).toMatchObject({
      state: 'ACTIVE',
      secret: null,
      failures: 0,
      nextRetryAt: null,
      lastError: null,
      lastDeliveredPosition: defined(delivered[4]).event.position,
    });
    await webhooks.delete(integrator, hook.webhookId);
  });

  it('marks a webhook failing after repeated failures, and delivers what it held once resumed', async () => {
    const hook = await webhooks.mustCreate(integrator, { url: `${receiver.url}?hook=b`, eventTypes: ['identity.login.succeeded.v1'] });
    receiver.verifyWith(hook.secret ?? '');
    let down = true;
    receiver.answer = (request) => (request.path.endsWith('?hook=b') && down ? 503 : 200);
    await loginOk(alice);
    await loginOk(alice);

    const failing = await eventually(
      () => webhooks.mustList(integrator),
      (list) => list.some((w) => w.state === 'FAILING'),
    );
    expect(failing.find((w) => w.webhookId === hook.webhookId)).toMatchObject({
      state: 'FAILING',
      failures: MAX_FAILURES,
      lastError: 'HTTP 503',
      deliveredCount: 0,
      lastDeliveredPosition: null,
    });
    const attemptsWhileFailing = on('b')(receiver.requests).length;
    expect(attemptsWhileFailing).toBe(MAX_FAILURES);

    down = false;
    const resumed = await webhooks.resume(integrator, hook.webhookId);
    expect(resumed.body.data?.resumeWebhook).toMatchObject({ state: 'ACTIVE', failures: 0 });
    await receiver.waitFor(() => on('b')(receiver.acknowledgedOnce()).length === 2);
    const delivered = on('b')(receiver.acknowledgedOnce());
    expect(delivered[0]?.id).toBe(defined(on('b')(receiver.requests)[0]).id);
    expectInStoreOrder(delivered);
    expect(on('b')(receiver.requests).every((r) => r.verified)).toBe(true);
    await webhooks.delete(integrator, hook.webhookId);
  });

  it('resumes after the service is killed and restarted; a repeat is only a redelivery with the same webhook-id', async () => {
    const hook = await webhooks.mustCreate(integrator, { url: `${receiver.url}?hook=c`, eventTypes: ['identity.login.succeeded.v1'] });
    receiver.verifyWith(hook.secret ?? '');
    receiver.answer = () => 200;
    receiver.delayMs = 150;
    for (let i = 0; i < 8; i++) await loginOk(alice);
    await receiver.waitFor(() => on('c')(receiver.requests).length >= 2);
    await suite.app.kill();
    expect(on('c')(receiver.requests).length).toBeLessThan(8);
    await suite.app.restart();
    for (let i = 0; i < 2; i++) await loginOk(alice);

    await receiver.waitFor(() => on('c')(receiver.acknowledgedOnce()).length >= 10);
    receiver.delayMs = 0;
    const requests = on('c')(receiver.requests);
    const delivered = on('c')(receiver.acknowledgedOnce());
    expect(delivered).toHaveLength(10);
    expect(delivered.every((r) => r.event.type === 'identity.login.succeeded.v1' && r.event.subject === alice.accountId)).toBe(true);
    expectInStoreOrder(delivered);
    expectDuplicatesAreRedeliveries(requests);
    expect(requests.every((r) => r.verified)).toBe(true);
  });
});
