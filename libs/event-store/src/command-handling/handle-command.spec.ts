import { randomUUID } from 'node:crypto';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store';
import { computeEventHash, GENESIS_HASH } from '../audit-chain/event-hash';
import { CommandContext, Decider, handleCommand } from './handle-command';
import { ConcurrencyConflictError } from './concurrency-conflict.error';
import { defined } from '@identity/testing';

/** A counter that only accepts increments from the current value, to see which state decided. */
type CounterEvent = { type: 'Incremented'; data: { from: number; by: number } };
type CounterCommand = { seen: number; by: number };
const counter: Decider<number, CounterCommand, CounterEvent> = {
  initialState: () => 0,
  evolve: (state, event) => state + event.data.by,
  decode: (type, data) => ({ type, data }) as CounterEvent,
  decide: (command, state) => {
    if (command.seen !== state) throw new Error(`decided on stale state ${command.seen} != ${state}`);
    return command.by === 0 ? [] : [{ type: 'Incremented', data: { from: state, by: command.by } }];
  },
};

const context: CommandContext = {
  correlationId: 'corr-1',
  causationId: 'cause-1',
  actor: 'user-7',
  ip: '203.0.113.9',
  userAgent: 'Tests/1.0',
};

function increment(store: InMemoryEventStore, streamId: string, by: number): Promise<unknown> {
  return store.appendToStream(
    streamId,
    [{ id: randomUUID(), type: 'Incremented', data: { from: -1, by }, metadata: { ...context } }],
    'any',
  );
}

describe('handleCommand', () => {
  let store: InMemoryEventStore;
  beforeEach(() => {
    store = new InMemoryEventStore();
  });
  afterEach(() => store.close());

  it('appends the decided events with the context as metadata and returns the new state', async () => {
    const streamId = `counter-${randomUUID()}`;
    const eventIds = ['id-1', 'id-2'];
    const first = await handleCommand(store, streamId, counter, (seen) => ({ seen, by: 2 }), context, {
      newEventId: () => eventIds.shift() ?? 'unexpected',
    });
    expect(first).toMatchObject({
      state: 2,
      nextRevision: 0n,
      newEvents: [{ type: 'Incremented', data: { from: 0, by: 2 } }],
      eventIds: ['id-1'],
    });
    const second = await handleCommand(store, streamId, counter, async (seen) => ({ seen, by: 3 }), { ...context, actor: null });
    expect(second.state).toBe(5);
    expect(second.nextRevision).toBe(1n);
    const [firstStored, secondStored] = await store.readStream(streamId);
    if (!firstStored || !secondStored) throw new Error(`${streamId} does not hold two events`);
    expect(second.position).toEqual(secondStored.position);
    expect(firstStored.id).toBe('id-1');
    const { occurredAt, previousHash, hash, ...firstContext } = firstStored.metadata;
    expect(firstContext).toStrictEqual(context);
    expect({ occurredAt, previousHash }).toEqual({ occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), previousHash: GENESIS_HASH });
    expect(hash).toBe(computeEventHash(firstStored));
    const { occurredAt: _at, previousHash: linked, hash: _hash, ...secondContext } = secondStored.metadata;
    expect(secondContext).toStrictEqual({ ...context, actor: null });
    expect(linked).toBe(hash);
    expect(secondStored.data).toEqual({ from: 2, by: 3 });
  });

  it('copies only the known context fields into the metadata', async () => {
    const streamId = `counter-${randomUUID()}`;
    const withExtra = { ...context, password: 'hunter2' } as CommandContext;
    await handleCommand(store, streamId, counter, (seen) => ({ seen, by: 1 }), withExtra);
    expect(Object.keys(defined((await store.readStream(streamId))[0]).metadata).sort()).toEqual([
      'actor',
      'causationId',
      'correlationId',
      'hash',
      'ip',
      'occurredAt',
      'previousHash',
      'userAgent',
    ]);
  });

  it('chains onto the stream as it was read, with occurredAt from the given clock', async () => {
    const streamId = `counter-${randomUUID()}`;
    await handleCommand(store, streamId, counter, (seen) => ({ seen, by: 1 }), context);
    const at = new Date('2030-01-02T03:04:05.678Z');
    await handleCommand(store, streamId, counter, (seen) => ({ seen, by: 1 }), context, { now: () => at });
    const [first, second] = await store.readStream(streamId);
    if (!first || !second) throw new Error(`${streamId} does not hold two events`);
    expect(second.metadata).toMatchObject({ occurredAt: at.toISOString(), previousHash: first.metadata.hash });
    expect(second.metadata.hash).toBe(computeEventHash(second));
  });

  it('runs again on fresh state after losing a race, and decides on that state', async () => {
    const streamId = `counter-${randomUUID()}`;
    await increment(store, streamId, 10);
    const seenStates: number[] = [];
    const result = await handleCommand(
      store,
      streamId,
      counter,
      async (seen) => {
        seenStates.push(seen);
        if (seenStates.length === 1) await increment(store, streamId, 5); // a concurrent writer
        return { seen, by: 1 };
      },
      context,
    );
    expect(seenStates).toEqual([10, 15]);
    expect(result.state).toBe(16);
    expect(result.nextRevision).toBe(2n);
    expect((await store.readStream(streamId)).map((e) => e.data)).toEqual([
      { from: -1, by: 10 },
      { from: -1, by: 5 },
      { from: 15, by: 1 },
    ]);
  });

  it('gives up with CONFLICT after maxRetries retries', async () => {
    const streamId = `counter-${randomUUID()}`;
    let attempts = 0;
    const error = await handleCommand(
      store,
      streamId,
      counter,
      async (seen) => {
        attempts += 1;
        await increment(store, streamId, 1);
        return { seen, by: 1 };
      },
      context,
      { maxRetries: 2 },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyConflictError);
    expect(error).toMatchObject({ code: 'CONFLICT', streamId, attempts: 3 });
    expect(attempts).toBe(3);
    expect((await store.readStream(streamId)).every((e) => e.data.from === -1)).toBe(true);
  });

  it('appends nothing when decide returns no events', async () => {
    const streamId = `counter-${randomUUID()}`;
    await increment(store, streamId, 4);
    const result = await handleCommand(store, streamId, counter, (seen) => ({ seen, by: 0 }), context);
    expect(result).toEqual({ state: 4, newEvents: [], nextRevision: 0n, position: null, eventIds: [] });
    expect(await store.readStream(streamId)).toHaveLength(1);
    const missing = await handleCommand(store, `counter-${randomUUID()}`, counter, (seen) => ({ seen, by: 0 }), context);
    expect(missing).toEqual({ state: 0, newEvents: [], nextRevision: null, position: null, eventIds: [] });
  });

  it('appends nothing and propagates the error when decide throws', async () => {
    const streamId = `counter-${randomUUID()}`;
    await expect(handleCommand(store, streamId, counter, () => ({ seen: 99, by: 1 }), context)).rejects.toThrow('stale state');
    expect(await store.readStream(streamId)).toEqual([]);
  });
});
