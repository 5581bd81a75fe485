import { KurrentDbTestServer } from '../../../../test/kurrentdb-test-server';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { collect, ids, newEvent, uniquePrefix } from '../testing/contract-helpers';
import { KurrentDbEventStore } from './kurrentdb-event-store';
import { defined } from '@identity/testing';

jest.setTimeout(20_000);

describe.each([
  { rpc: 'Streams.BatchAppend', other: 'Streams.Append', batchAppend: true },
  { rpc: 'Streams.Append', other: 'Streams.BatchAppend', batchAppend: false },
] as const)('KurrentDbEventStore appending with $rpc', ({ rpc, other, batchAppend }) => {
  let server: KurrentDbTestServer;

  beforeAll(async () => {
    server = await KurrentDbTestServer.start({ batchAppend });
  });

  afterAll(() => server.stop());

  describeEventStoreContract(`kurrentdb (${rpc === 'Streams.BatchAppend' ? 'BatchAppend' : 'Append'})`, async () => {
    const store = new KurrentDbEventStore({ connectionString: server.connectionString });
    return { store, cleanup: () => store.close() };
  });

  // The server offers one append RPC; the adapter finds it and never calls the other one.
  it(`appends through ${rpc} only`, async () => {
    const store = new KurrentDbEventStore({ connectionString: server.connectionString });
    try {
      const stream = `${uniquePrefix()}rpc`;
      const appended = [newEvent('A'), newEvent('B')];
      await store.appendToStream(stream, appended, 'no_stream');
      expect(ids(await store.readStream(stream))).toEqual(ids(appended));
    } finally {
      await store.close();
    }
    expect(server.callCount(rpc)).toBeGreaterThan(0);
    expect(server.callCount(other)).toBe(0);
  });
});

describe('KurrentDbEventStore.readAll in pages', () => {
  let server: KurrentDbTestServer;
  let store: KurrentDbEventStore;

  beforeAll(async () => {
    server = await KurrentDbTestServer.start();
    store = new KurrentDbEventStore({ connectionString: server.connectionString, pageSize: 2 });
  });

  afterAll(async () => {
    await store.close();
    await server.stop();
  });

  it('reads every matching event once, in order, across pages that each restart at the last position', async () => {
    const prefix = uniquePrefix();
    const wanted = [1, 2, 3, 4, 5].map((n) => newEvent('N', { n }));
    await store.appendToStream(`${prefix}a`, wanted.slice(0, 3), 'no_stream');
    await store.appendToStream(`other-${prefix}`, [newEvent('Other')], 'no_stream');
    await store.appendToStream(`${prefix}b`, wanted.slice(3), 'no_stream');

    expect(ids(await collect(store.readAll({ streamPrefixes: [prefix] })))).toEqual(ids(wanted));
    const second = defined((await store.readStream(`${prefix}a`))[1]);
    expect(ids(await collect(store.readAll({ after: second.position, streamPrefixes: [prefix] })))).toEqual(ids(wanted.slice(2)));
    expect(ids(await collect(store.readAll({ streamPrefixes: [prefix], maxCount: 3 })))).toEqual(ids(wanted.slice(0, 3)));
  });

  it('leaves out system events when reading everything', async () => {
    const mine = newEvent();
    await store.appendToStream(`${uniquePrefix()}1`, [mine], 'no_stream');
    const everything = await collect(store.readAll());
    expect(server.events().some((event) => event.streamId.startsWith('$'))).toBe(true);
    expect(everything.filter((event) => event.streamId.startsWith('$') || event.type.startsWith('$'))).toEqual([]);
    expect(ids(everything)).toContain(mine.id);
    expect(everything).toHaveLength(server.events().filter((event) => !event.streamId.startsWith('$')).length);
  });
});
