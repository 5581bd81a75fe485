import { randomUUID } from 'node:crypto';
import { accountStream } from '@identity/domain';
import { EventStore, InMemoryEventStore, RecordedEvent } from '@identity/event-store';
import { registered } from '@identity/testing';
import { PrimaryAccounts } from './primary-accounts';

const metadata = { correlationId: 'c', causationId: null, actor: null, ip: null, userAgent: null };

async function register(store: EventStore, accountId: string, primaryAccountId: string | null): Promise<RecordedEvent> {
  const event = registered({ accountId, primaryAccountId });
  await store.appendToStream(
    accountStream(accountId),
    [{ id: randomUUID(), type: event.type, data: event.data as never, metadata }],
    'no_stream',
  );
  const [recorded] = await store.readStream(accountStream(accountId));
  if (!recorded) throw new Error('not appended');
  return recorded;
}

describe('PrimaryAccounts', () => {
  let store: InMemoryEventStore;
  let reads: string[];
  let counting: EventStore;
  beforeEach(() => {
    store = new InMemoryEventStore();
    reads = [];
    counting = Object.create(store) as EventStore;
    counting.readStream = (streamId, from) => (reads.push(streamId), store.readStream(streamId, from));
  });
  afterEach(() => store.close());

  it("answers a RAM user's primary and null for a primary account, reading each registration once", async () => {
    await register(store, 'p', null);
    await register(store, 'r', 'p');
    const primaries = new PrimaryAccounts(counting);
    expect(await Promise.all([primaries.of('r'), primaries.of('r'), primaries.of('p')])).toEqual(['p', 'p', null]);
    expect(await primaries.of('r')).toBe('p');
    expect(reads).toEqual([accountStream('r'), accountStream('p')]);
  });

  it('needs no read for a registration it learnt', async () => {
    const primaries = new PrimaryAccounts(counting);
    primaries.learn(await register(store, 'r', 'p'));
    expect(await primaries.of('r')).toBe('p');
    expect(reads).toEqual([]);
  });

  it('keeps at most the given number of answers, forgetting the oldest', async () => {
    const primaries = new PrimaryAccounts(counting, 2);
    for (const id of ['a', 'b', 'c']) primaries.learn(await register(store, id, 'p'));
    expect(await primaries.of('c')).toBe('p');
    expect(await primaries.of('b')).toBe('p');
    expect(reads).toEqual([]);
    expect(await primaries.of('a')).toBe('p');
    expect(reads).toEqual([accountStream('a')]);
  });

  it('does not keep a failed read: the next lookup reads again', async () => {
    await register(store, 'r', 'p');
    let failures = 1;
    const flaky = Object.create(store) as EventStore;
    flaky.readStream = (streamId, from) => (failures-- > 0 ? Promise.reject(new Error('store down')) : store.readStream(streamId, from));
    const primaries = new PrimaryAccounts(flaky);
    await expect(primaries.of('r')).rejects.toThrow('store down');
    expect(await primaries.of('r')).toBe('p');
  });
});
