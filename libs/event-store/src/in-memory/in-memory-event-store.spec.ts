import { EventStoreUnavailableError } from '../errors';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { newEvent, uniquePrefix } from '../testing/contract-helpers';
import { InMemoryEventStore } from './in-memory-event-store';
import { defined } from '@identity/testing';

describeEventStoreContract('in-memory', async () => {
  const store = new InMemoryEventStore();
  return { store, cleanup: () => store.close() };
});

describe('InMemoryEventStore', () => {
  it('numbers positions 0n, 1n, … with commit = prepare', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream(`${uniquePrefix()}1`, [newEvent()], 'no_stream');
    const result = await store.appendToStream(`${uniquePrefix()}1`, [newEvent(), newEvent()], 'no_stream');
    expect(result.position).toEqual({ commit: 2n, prepare: 2n });
  });

  it('does not let a reader change what is stored', async () => {
    const store = new InMemoryEventStore();
    const streamId = `${uniquePrefix()}1`;
    await store.appendToStream(streamId, [newEvent('A', { list: [1] })], 'no_stream');
    const read = defined((await store.readStream(streamId))[0]);
    (read.data.list as number[]).push(2);
    expect((await store.readStream(streamId))[0]?.data).toEqual({ list: [1] });
  });

  it('ends open subscriptions silently when the store closes, then refuses calls', async () => {
    const store = new InMemoryEventStore();
    const pending = store.subscribeToAll()[Symbol.asyncIterator]().next();
    await store.close();
    expect((await pending).done).toBe(true);
    await expect(store.readStream('any-1')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect((await store.health()).up).toBe(false);
  });
});
