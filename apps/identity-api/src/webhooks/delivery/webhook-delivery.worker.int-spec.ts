import { randomUUID } from 'node:crypto';
import { AccountEvent, accountStream } from '@identity/domain';
import { InMemoryEventStore, Position, START } from '@identity/event-store';
import { at, defined } from '@identity/testing';
import { IntegrationEventStream } from '../../integration/integration-event-stream';
import { RegisteredWebhook } from '../webhook-registry';
import { READ_MODEL_ADAPTERS, useReadModelDb } from '../../../../../test/support/read-model-adapters';
import { WebhookDeliveryStore } from './webhook-delivery.store';
import { DeliveryOutcome } from './webhook-http-sender';
import { WebhookDeliveryWorker, WorkerDependencies } from './webhook-delivery.worker';
import { generateWebhookSecret, WebhookSigner } from './webhook-signature';

const metadata = { correlationId: 'c', causationId: null, actor: null, ip: null, userAgent: null };
const locked = (n: number): AccountEvent => ({
  type: 'AccountLocked',
  data: { scope: 'SECOND_FACTOR', addressKey: null, level: 1, lockedUntil: at(900), consecutiveFailures: n, at: at(n) },
});
const succeeded: AccountEvent = {
  type: 'LoginSucceeded',
  data: { sessionId: 's', method: 'PASSWORD', challengeId: null, addressKey: null, expiresAt: at(900), authenticatorId: null, at: at(0) },
};
const settings = { allowPrivateNetworks: true, retryBaseMs: 1, retryMaxMs: 2, maxFailures: 3, timeoutMs: 1000 };
const quiet = { warn: () => undefined, error: () => undefined };

interface Attempt {
  url: string;
  headers: Record<string, string>;
  body: string;
}

describe.each(READ_MODEL_ADAPTERS)('WebhookDeliveryWorker, its state in %s', (dialect) => {
  const readModels = useReadModelDb(dialect);
  let store: InMemoryEventStore;
  let deliveries: WebhookDeliveryStore;
  let attempts: Attempt[];
  let answers: DeliveryOutcome[];
  let failingMarks: Array<[number, string]>;
  let webhook: RegisteredWebhook;
  const secret = generateWebhookSecret();
  const ok: DeliveryOutcome = { ok: true, status: 200 };
  const http = (status: number, retryable: boolean): DeliveryOutcome => ({
    ok: false,
    retryable,
    status,
    reason: `HTTP ${status}`,
    retryAfterMs: null,
  });

  const append = (...events: AccountEvent[]) =>
    store.appendToStream(
      accountStream('acc-1'),
      events.map((e) => ({ id: randomUUID(), type: e.type, data: e.data as never, metadata })),
      'any',
    );
  const deps = (): WorkerDependencies => ({
    open: (options) => new IntegrationEventStream(store, options, quiet),
    deliveries,
    webhook: () => webhook,
    signingSecrets: () => [secret],
    send: async (url, headers, body) => {
      attempts.push({ url, headers, body });
      return answers.shift() ?? ok;
    },
    settings,
    now: () => new Date(),
    markFailing: async (failures, lastError) => {
      failingMarks.push([failures, lastError]);
      webhook = { ...webhook, status: 'FAILING' };
    },
    logger: quiet,
  });
  const until = async (condition: () => boolean | Promise<boolean>) => {
    for (let i = 0; i < 500 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  const typesOf = () => attempts.map((a) => JSON.parse(a.body).type as string);
  const checkpoint = async (): Promise<Position | null> => (await deliveries.load('wh-1'))?.lastDeliveredPosition ?? null;

  beforeEach(async () => {
    store = new InMemoryEventStore();
    deliveries = new WebhookDeliveryStore(readModels.db);
    await deliveries.setUp();
    attempts = [];
    answers = [];
    failingMarks = [];
    webhook = {
      ...{ ownerKeyId: 'k', secret: 'enc', previousSecret: null, previousSecretValidUntil: null, createdAt: at(0), failing: null },
      status: 'ACTIVE',
      webhookId: 'wh-1',
      url: 'http://127.0.0.1:9/hook',
      eventTypes: ['identity.account.locked.v1'],
      createdPosition: START,
    };
  });
  afterEach(async () => {
    await store.close();
  });

  it('POSTs the chosen events in order as signed CloudEvents and saves the checkpoint after each', async () => {
    await append(locked(1), succeeded, locked(2));
    const last = await append(locked(3));
    const worker = new WebhookDeliveryWorker('wh-1', deps());
    worker.start();
    await until(async () => (await checkpoint())?.commit === last.position.commit);
    await worker.stop();
    expect(attempts.map((a) => JSON.parse(a.body).data.consecutiveFailures)).toEqual([1, 2, 3]);
    for (const { headers, body } of attempts) {
      expect(headers).toMatchObject({ 'content-type': 'application/cloudevents+json; charset=utf-8', 'webhook-id': JSON.parse(body).id });
      const expected = new WebhookSigner(secret).sign(
        defined(headers['webhook-id'], 'the webhook-id header'),
        new Date(Number(headers['webhook-timestamp']) * 1000),
        body,
      );
      expect(headers['webhook-signature']).toBe(expected);
    }
    expect(await deliveries.load('wh-1')).toMatchObject({ deliveredCount: 3, failures: 0, state: 'DELIVERING' });
  });

  it('starts after the position the webhook was created at', async () => {
    const before = await append(locked(1));
    webhook = { ...webhook, createdPosition: before.position };
    await append(locked(2));
    const worker = new WebhookDeliveryWorker('wh-1', deps());
    worker.start();
    await until(() => attempts.length === 1);
    await worker.stop();
    expect(attempts.map((a) => JSON.parse(a.body).data.consecutiveFailures)).toEqual([2]);
  });

  it('retries a retryable failure with the same message id until acknowledged', async () => {
    await append(locked(1), locked(2));
    answers = [http(500, true), http(429, true)];
    const worker = new WebhookDeliveryWorker('wh-1', deps());
    worker.start();
    await until(async () => (await deliveries.load('wh-1'))?.deliveredCount === 2);
    await worker.stop();
    const ids = attempts.map((a) => a.headers['webhook-id']);
    expect(ids.slice(0, 3)).toEqual([ids[0], ids[0], ids[0]]);
    expect(typesOf()).toHaveLength(4);
    expect(failingMarks).toEqual([]);
  });

  it('marks the webhook failing after the maximum of failures in a row, without moving the checkpoint', async () => {
    await append(locked(1));
    answers = [http(500, true), http(502, true), http(503, true)];
    const worker = new WebhookDeliveryWorker('wh-1', deps());
    worker.start();
    await until(() => failingMarks.length === 1);
    await worker.stop();
    expect(failingMarks).toEqual([[3, 'HTTP 503']]);
    expect(await deliveries.load('wh-1')).toMatchObject({
      lastDeliveredPosition: null,
      failures: 3,
      state: 'FAILING',
      lastError: 'HTTP 503',
    });

    webhook = { ...webhook, status: 'ACTIVE' };
    const resumed = new WebhookDeliveryWorker('wh-1', deps());
    resumed.start();
    await until(async () => (await deliveries.load('wh-1'))?.deliveredCount === 1);
    await resumed.stop();
    expect(attempts.map((a) => a.headers['webhook-id'])).toEqual(Array(4).fill(attempts[0]?.headers['webhook-id']));
  });

  it('marks the webhook failing at once on an answer not worth retrying', async () => {
    await append(locked(1));
    answers = [http(410, false)];
    const worker = new WebhookDeliveryWorker('wh-1', deps());
    worker.start();
    await until(() => failingMarks.length === 1);
    await worker.stop();
    expect(failingMarks).toEqual([[1, 'HTTP 410']]);
    expect(attempts).toHaveLength(1);
  });

  it('resumes after a restart from the checkpoint, never before it', async () => {
    await append(locked(1), locked(2));
    const first = new WebhookDeliveryWorker('wh-1', deps());
    first.start();
    await until(async () => (await deliveries.load('wh-1'))?.deliveredCount === 2);
    await first.stop();
    await append(locked(3));
    const second = new WebhookDeliveryWorker('wh-1', deps());
    second.start();
    await until(() => attempts.length === 3);
    await second.stop();
    expect(attempts.map((a) => JSON.parse(a.body).data.consecutiveFailures)).toEqual([1, 2, 3]);
  });
});
