import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  FORWARDS,
  jsonEvent,
  KurrentDBClient,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { caught, serverAndClientPerTest } from './client-fixture';
import { defined } from '@identity/testing';

jest.setTimeout(20_000);

async function readAllFrom<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe.each([
  { batchAppend: true, used: 'Streams.BatchAppend', unused: 'Streams.Append' },
  { batchAppend: false, used: 'Streams.Append', unused: 'Streams.BatchAppend' },
] as const)('KurrentDbTestServer with batchAppend=$batchAppend', ({ batchAppend, used, unused }) => {
  const fixture = serverAndClientPerTest({ batchAppend });

  it(`appends through ${used} and reads the stream back`, async () => {
    const ids = [randomUUID(), randomUUID()];
    const result = await fixture.client.appendToStream('account-1', [
      jsonEvent({ id: ids[0], type: 'AccountOpened', data: { email: 'a@example.test' }, metadata: { by: 'spec' } }),
      jsonEvent({ id: ids[1], type: 'MfaEnabled', data: { method: 'totp' } }),
    ]);

    expect(result.success).toBe(true);
    expect(result.nextExpectedRevision).toBe(1n);
    expect(fixture.server.callCount(used)).toBe(1);
    expect(fixture.server.callCount(unused)).toBe(0);

    const read = await readAllFrom(fixture.client.readStream('account-1'));
    const events = read.map((resolved) => resolved.event!);
    expect(events.map((event) => [event.id, event.type, event.revision, event.streamId])).toEqual([
      [ids[0], 'AccountOpened', 0n, 'account-1'],
      [ids[1], 'MfaEnabled', 1n, 'account-1'],
    ]);
    expect(events[0]?.data).toEqual({ email: 'a@example.test' });
    expect(events[0]?.metadata).toEqual({ by: 'spec' });
    expect(events[0]?.isJson).toBe(true);
    expect(events[0]?.created).toBeInstanceOf(Date);
    // One append: one commit position shared, distinct increasing prepare positions, as bigints.
    const [first, second] = events.map((event) => event.position!);
    if (!first || !second) throw new Error('expected two positions');
    expect(typeof first.commit).toBe('bigint');
    expect(second.commit).toBe(first.commit);
    expect(second.prepare).toBeGreaterThan(first.prepare);
    expect(result.position).toEqual(second);
    expect(fixture.server.events('account-1').map((event) => event.id)).toEqual(ids);
  });

  it('rejects a wrong expected revision with the current and expected numbers', async () => {
    await fixture.client.appendToStream('account-2', [jsonEvent({ type: 'A', data: {} }), jsonEvent({ type: 'B', data: {} })]);

    const stale = await caught(fixture.client.appendToStream('account-2', jsonEvent({ type: 'C', data: {} }), { streamState: 0n }));
    expect(stale).toBeInstanceOf(WrongExpectedVersionError);
    expect(stale).toMatchObject({ streamName: 'account-2', expectedState: 0n, actualState: 1n });

    const exists = await caught(
      fixture.client.appendToStream('account-2', jsonEvent({ type: 'C', data: {} }), { streamState: 'no_stream' }),
    );
    expect(exists).toMatchObject({ expectedState: 'no_stream', actualState: 1n });

    const missing = await caught(
      fixture.client.appendToStream('nobody', jsonEvent({ type: 'C', data: {} }), { streamState: 'stream_exists' }),
    );
    expect(missing).toBeInstanceOf(WrongExpectedVersionError);
    expect(missing).toMatchObject({ streamName: 'nobody', expectedState: 'stream_exists', actualState: 'no_stream' });

    const next = await fixture.client.appendToStream('account-2', jsonEvent({ type: 'C', data: {} }), { streamState: 1n });
    expect(next.nextExpectedRevision).toBe(2n);
    expect(fixture.server.events('account-2')).toHaveLength(3);
  });

  it('reads a stream backwards, from a revision, with a count, and reports a missing stream', async () => {
    await fixture.client.appendToStream(
      'account-3',
      ['A', 'B', 'C', 'D'].map((type) => jsonEvent({ type, data: {} })),
    );
    const types = async (options: Parameters<KurrentDBClient['readStream']>[1]) =>
      (await readAllFrom(fixture.client.readStream('account-3', options))).map((resolved) => resolved.event!.type);

    expect(await types({ direction: BACKWARDS, fromRevision: END })).toEqual(['D', 'C', 'B', 'A']);
    expect(await types({ direction: FORWARDS, fromRevision: 1n, maxCount: 2 })).toEqual(['B', 'C']);
    expect(await types({ direction: BACKWARDS, fromRevision: 2n })).toEqual(['C', 'B', 'A']);

    const error = await caught(readAllFrom(fixture.client.readStream('no-such-stream')));
    expect(error).toBeInstanceOf(StreamNotFoundError);
    expect(error).toMatchObject({ streamName: 'no-such-stream' });
  });

  it('reads $all forwards and backwards from a position, system events first', async () => {
    await fixture.client.appendToStream('account-4', [jsonEvent({ type: 'A', data: {} }), jsonEvent({ type: 'B', data: {} })]);
    await fixture.client.appendToStream('account-5', jsonEvent({ type: 'C', data: {} }));

    const all = (await readAllFrom(fixture.client.readAll({ fromPosition: START }))).map((resolved) => resolved.event!);
    expect(all.slice(0, 3).every((event) => event.streamId.startsWith('$') && event.type.startsWith('$'))).toBe(true);
    expect(all.slice(3).map((event) => event.type)).toEqual(['A', 'B', 'C']);
    const positions = all.map((event) => event.position!);
    expect(positions.slice(1).every((position, i) => position.prepare > defined(positions[i]).prepare)).toBe(true);

    const fromB = positions[4];
    const forwards = await readAllFrom(fixture.client.readAll({ fromPosition: fromB, direction: FORWARDS }));
    expect(forwards.map((resolved) => resolved.event!.type)).toEqual(['B', 'C']);
    const backwards = await readAllFrom(fixture.client.readAll({ fromPosition: fromB, direction: BACKWARDS, maxCount: 2 }));
    expect(backwards.map((resolved) => resolved.event!.type)).toEqual(['A', defined(all[2]).type]);
    const newest = await readAllFrom(fixture.client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }));
    expect(newest.map((resolved) => resolved.event!.type)).toEqual(['C']);
  });
});
