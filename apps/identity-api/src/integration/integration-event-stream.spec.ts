import { randomUUID } from 'node:crypto';
import { AccountEvent, accountStream, apiKeyStream } from '@identity/domain';
import { AllSubscription, EventStore, InMemoryEventStore, positionToString, SubscribeOptions } from '@identity/event-store';
import { at, defined, registered as registration } from '@identity/testing';
import { IntegrationBatch, IntegrationEventStream } from './integration-event-stream';

const metadata = { correlationId: 'c', causationId: null, actor: null, ip: null, userAgent: null };
const locked = (n: number): AccountEvent => ({
  type: 'AccountLocked',
  data: { scope: 'SECOND_FACTOR', addressKey: null, level: 1, lockedUntil: at(900), consecutiveFailures: n, at: at(n) },
});
const enabled: AccountEvent = { type: 'ProtectionEnabled', data: { scenes: ['LOGON'], method: 'TOTP', verificationId: 'v', at: at(1) } };
const registered = registration({ accountId: 'a' });
const ramUserOf = (primary: string, accountId: string) => registration({ accountId, primaryAccountId: primary, loginName: `r@${primary}` });
const quiet = { warn: () => undefined };

async function append(store: EventStore, streamId: string, ...events: Array<{ type: string; data: object }>) {
  return store.appendToStream(
    streamId,
    events.map((e) => ({ id: randomUUID(), type: e.type, data: e.data as never, metadata })),
    'any',
  );
}

async function take(stream: IntegrationEventStream, count: number): Promise<IntegrationBatch[]> {
  const batches: IntegrationBatch[] = [];
  while (batches.length < count) {
    const step = await stream.next();
    if (step.done) break;
    batches.push(step.value);
  }
  return batches;
}

describe('IntegrationEventStream', () => {
  let store: InMemoryEventStore;
  beforeEach(() => (store = new InMemoryEventStore()));
  afterEach(() => store.close());

  it('replays after a position, then delivers live events, one batch per domain event, skipping internal ones', async () => {
    await append(store, accountStream('a'), registered, locked(1));
    const first = await append(store, accountStream('a'), locked(2));
    await append(store, apiKeyStream('k'), { type: 'ApiKeyCreated', data: { keyId: 'k', at: at(0) } });
    await append(store, accountStream('b'), enabled);
    const stream = new IntegrationEventStream(store, { after: first.position }, quiet);

    const replayed = await take(stream, 1);
    expect(replayed[0]?.events.map((e) => [e.type, e.subject])).toEqual([
      ['identity.mfa.enabled.v1', 'b'],
      ['identity.protection.changed.v1', 'b'],
    ]);
    const pending = take(stream, 1);
    const live = await append(store, accountStream('a'), locked(3));
    const batch = defined((await pending)[0], 'the live batch');
    expect(batch.events.map((e) => e.data)).toEqual([{ accountId: 'a', lockedUntil: at(900), consecutiveFailures: 3 }]);
    expect(positionToString(batch.position)).toBe(positionToString(live.position));
    expect(batch.events[0]?.position).toBe(positionToString(live.position));
    await stream.return();
  });

  it('keeps only what the filter accepts', async () => {
    await append(store, accountStream('a'), locked(1), enabled, locked(2));
    const stream = new IntegrationEventStream(store, { accept: (e) => e.type === 'identity.protection.changed.v1' }, quiet);
    const batch = defined((await take(stream, 1))[0], 'the first batch');
    expect(batch.events.map((e) => e.type)).toEqual(['identity.protection.changed.v1']);
    await stream.return();
  });

  it('ends a next() that waits for a live event when the consumer returns', async () => {
    const stream = new IntegrationEventStream(store, {}, quiet);
    const waiting = stream.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await stream.return();
    await expect(waiting).resolves.toEqual({ done: true, value: undefined });
  });

  it('subscribes again after the last domain event it read when the store subscription fails', async () => {
    await append(store, accountStream('a'), locked(1), locked(2));
    let calls = 0;
    const flaky: EventStore = Object.create(store);
    flaky.subscribeToAll = (options?: SubscribeOptions): AllSubscription => {
      calls += 1;
      const inner = store.subscribeToAll(options);
      if (calls > 1) return inner;
      const iterator = inner[Symbol.asyncIterator]();
      let delivered = 0;
      return {
        close: () => inner.close(),
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            if (delivered++ >= 1) throw new Error('connection lost');
            return iterator.next();
          },
        }),
      };
    };
    const stream = new IntegrationEventStream(flaky, { retry: { initialMs: 1, maxMs: 1 } }, quiet);
    const batches = await take(stream, 2);
    expect(batches.map((b) => (b.events[0]?.data as { consecutiveFailures: number }).consecutiveFailures)).toEqual([1, 2]);
    expect(calls).toBe(2);
    await stream.return();
  });

  it("adds a RAM user's primary account to its events, learnt from the registration it reads by", async () => {
    await append(store, accountStream('a'), registered, locked(1));
    await append(store, accountStream('r'), ramUserOf('a', 'r'), locked(1));
    const reads: string[] = [];
    const counting: EventStore = Object.create(store);
    counting.readStream = (streamId, from) => (reads.push(streamId), store.readStream(streamId, from));
    const stream = new IntegrationEventStream(counting, {}, quiet);

    const batches = await take(stream, 2);
    expect(batches.map((b) => b.events.map((e) => [e.subject, e.primaryaccountid]))).toEqual([[['a', undefined]], [['r', 'a']]]);
    expect('primaryaccountid' in defined(batches[0]?.events[0], 'the primary account event')).toBe(false);
    expect(reads).toEqual([]);
    await stream.return();
  });

  it('reads the registration from the store when the stream starts after it, once per account', async () => {
    await append(store, accountStream('r'), ramUserOf('p', 'r'));
    const after = await append(store, accountStream('p'), registration({ accountId: 'p' }));
    await append(store, accountStream('r'), locked(1), locked(2));
    await append(store, accountStream('p'), locked(1));
    const reads: string[] = [];
    const counting: EventStore = Object.create(store);
    counting.readStream = (streamId, from) => (reads.push(streamId), store.readStream(streamId, from));
    const stream = new IntegrationEventStream(counting, { after: after.position }, quiet);

    const batches = await take(stream, 3);
    expect(batches.map((b) => b.events.map((e) => [e.subject, e.primaryaccountid ?? null]))).toEqual([
      [['r', 'p']],
      [['r', 'p']],
      [['p', null]],
    ]);
    expect(reads).toEqual([accountStream('r'), accountStream('p')]);
    await stream.return();
  });

  it('delivers an event again, with its primary account, when reading the registration failed', async () => {
    await append(store, accountStream('r'), ramUserOf('p', 'r'));
    const after = await append(store, accountStream('x'), registration({ accountId: 'x' }));
    await append(store, accountStream('r'), locked(1));
    let failures = 1;
    const flaky: EventStore = Object.create(store);
    flaky.readStream = (streamId, from) => (failures-- > 0 ? Promise.reject(new Error('store down')) : store.readStream(streamId, from));
    const stream = new IntegrationEventStream(flaky, { after: after.position, retry: { initialMs: 1, maxMs: 1 } }, quiet);

    const batch = defined((await take(stream, 1))[0], 'the batch after the failed read');
    expect(
      batch.events.map((e) => [e.subject, e.primaryaccountid, (e.data as { consecutiveFailures: number }).consecutiveFailures]),
    ).toEqual([['r', 'p', 1]]);
    await stream.return();
  });
});
