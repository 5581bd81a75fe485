import { KurrentDbTestServer } from '../../../../test/kurrentdb-test-server';
import { caught } from '../../../../test/kurrentdb-test-server/client-fixture';
import { EventStoreUnavailableError } from '../errors';
import { eventsUntil, ids, newEvent, nextEvents, uniquePrefix } from '../testing/contract-helpers';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { defined } from '@identity/testing';

// Generous: an outage must make calls fail fast, and these bounds are what "not a hang" means here.
jest.setTimeout(20_000);

describe.each([true, false])('KurrentDbEventStore during an outage (batchAppend=%s)', (batchAppend) => {
  let server: KurrentDbTestServer;
  let store: KurrentDbEventStore;

  beforeEach(async () => {
    server = await KurrentDbTestServer.start({ batchAppend });
    store = new KurrentDbEventStore({ connectionString: server.connectionString, appendTimeoutMs: 3000 });
  });

  afterEach(async () => {
    await store.close();
    await server.stop();
  });

  it('fails appends and reads with EventStoreUnavailableError, then works again after a restart', async () => {
    const streamId = `${uniquePrefix()}1`;
    const before = newEvent('Before');
    await store.appendToStream(streamId, [before], 'no_stream');
    expect(ids(await store.readStream(streamId))).toEqual([before.id]);

    await server.stop();
    expect(await caught(store.appendToStream(streamId, [newEvent('During')], 0n))).toBeInstanceOf(EventStoreUnavailableError);
    expect(await caught(store.readStream(streamId))).toBeInstanceOf(EventStoreUnavailableError);
    const health = await store.health();
    expect(health).toMatchObject({ name: 'kurrentdb', up: false });

    await server.restart();
    const after = newEvent('After');
    expect((await store.appendToStream(streamId, [after], 0n)).nextRevision).toBe(1n);
    expect(ids(await store.readStream(streamId))).toEqual([before.id, after.id]);
    expect((await store.health()).up).toBe(true);
  });

  it('recovers when its very first read happens during the outage', async () => {
    const streamId = `${uniquePrefix()}1`;
    server.appendDirect(streamId, [{ type: 'Seeded', data: { n: 1 } }], 'no_stream');

    await server.stop();
    expect(await caught(store.readStream(streamId))).toBeInstanceOf(EventStoreUnavailableError);

    await server.restart();
    const read = await store.readStream(streamId);
    expect(read.map((event) => event.type)).toEqual(['Seeded']);
    const all = [];
    for await (const event of store.readAll({ streamPrefixes: [streamId] })) all.push(event);
    expect(all).toHaveLength(1);
  });

  it('fails readAll with EventStoreUnavailableError while the server is down', async () => {
    await server.stop();
    const iterator = store.readAll()[Symbol.asyncIterator]();
    expect(await caught(iterator.next())).toBeInstanceOf(EventStoreUnavailableError);
  });
});

describe('KurrentDbEventStore subscriptions the server ends', () => {
  let server: KurrentDbTestServer;
  let store: KurrentDbEventStore;

  beforeAll(async () => {
    server = await KurrentDbTestServer.start();
  });

  beforeEach(() => {
    store = new KurrentDbEventStore({ connectionString: server.connectionString });
  });

  afterEach(() => store.close());
  afterAll(() => server.stop());

  /** Two events delivered, the subscription ended by `end`, then a resubscription from the last one. */
  async function resumesWithoutGapOrDuplicate(end: (iterator: AsyncIterator<unknown>) => Promise<void>): Promise<void> {
    const prefix = uniquePrefix();
    const delivered = [newEvent('A'), newEvent('B')];
    await store.appendToStream(`${prefix}1`, delivered, 'no_stream');
    const subscription = store.subscribeToAll({ streamPrefixes: [prefix] });
    const iterator = subscription[Symbol.asyncIterator]();
    const seen = await nextEvents(iterator, 2);
    expect(ids(seen)).toEqual(ids(delivered));

    await end(iterator);
    const missed = [newEvent('C'), newEvent('D')];
    await store.appendToStream(`${prefix}1`, missed.slice(0, 1), 1n);
    await store.appendToStream(`${prefix}2`, missed.slice(1), 'no_stream');

    const resumed = store.subscribeToAll({ after: defined(seen[1]).position, streamPrefixes: [prefix] });
    try {
      const live = newEvent('E');
      await store.appendToStream(`${prefix}1`, [live], 2n);
      expect(ids(await eventsUntil(resumed, live.id))).toEqual(ids([...missed, live]));
    } finally {
      await resumed.close();
    }
  }

  it('throws EventStoreUnavailableError when the server fails it; a new one resumes from the last position', async () => {
    await resumesWithoutGapOrDuplicate(async (iterator) => {
      expect(server.dropSubscriptions('error')).toBeGreaterThan(0);
      expect(await caught(iterator.next())).toBeInstanceOf(EventStoreUnavailableError);
      expect((await iterator.next()).done).toBe(true);
    });
  });

  it('ends the iteration when the server closes it silently; a new one resumes from the last position', async () => {
    await resumesWithoutGapOrDuplicate(async (iterator) => {
      expect(server.dropSubscriptions('silent')).toBeGreaterThan(0);
      expect((await iterator.next()).done).toBe(true);
    });
  });

  it.each(['error', 'abort'] as const)(
    'throws EventStoreUnavailableError when the server stops (%s); a new one resumes after the restart',
    async (mode) => {
      await resumesWithoutGapOrDuplicate(async (iterator) => {
        await server.stop({ subscriptions: mode });
        expect(await caught(iterator.next())).toBeInstanceOf(EventStoreUnavailableError);
        await server.restart();
      });
    },
  );
});
