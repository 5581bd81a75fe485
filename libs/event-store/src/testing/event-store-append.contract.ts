import { WrongExpectedRevisionError } from '../errors';
import { EventStore } from '../event-store.port';
import { comparePositions } from '../position';
import { collect, defined, ids, newEvent, uniquePrefix } from './contract-helpers';

export function describeAppendContract(store: () => EventStore): void {
  describe('appendToStream', () => {
    it("appends to a new stream with 'no_stream' and records every field", async () => {
      const streamId = `${uniquePrefix()}1`;
      const event = newEvent('AccountOpened', { email: 'a@example.test' });
      const result = await store().appendToStream(streamId, [event], 'no_stream');
      expect(result.nextRevision).toBe(0n);
      const [recorded, ...rest] = await store().readStream(streamId);
      expect(rest).toEqual([]);
      if (!recorded) throw new Error(`${streamId} is empty`);
      expect(recorded).toMatchObject({ streamId, revision: 0n, id: event.id, type: event.type });
      expect(recorded.data).toStrictEqual(event.data);
      expect(recorded.metadata).toStrictEqual(event.metadata);
      expect(recorded.position).toEqual(result.position);
      expect(recorded.recordedAt).toBeInstanceOf(Date);
      expect(Number.isNaN(recorded.recordedAt.getTime())).toBe(false);
    });

    it('appends with the right bigint revision', async () => {
      const streamId = `${uniquePrefix()}1`;
      await store().appendToStream(streamId, [newEvent()], 'no_stream');
      const result = await store().appendToStream(streamId, [newEvent(), newEvent()], 0n);
      expect(result.nextRevision).toBe(2n);
      await store().appendToStream(streamId, [newEvent()], 2n);
      const revisions = (await store().readStream(streamId)).map((e) => e.revision);
      expect(revisions).toEqual([0n, 1n, 2n, 3n]);
    });

    it("rejects 'no_stream' on an existing stream and writes nothing", async () => {
      const prefix = uniquePrefix();
      const streamId = `${prefix}1`;
      const first = newEvent();
      await store().appendToStream(streamId, [first], 'no_stream');
      const rejected = newEvent();
      const error = await store()
        .appendToStream(streamId, [rejected], 'no_stream')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', streamId, expected: 'no_stream', actual: 0n });
      expect(ids(await store().readStream(streamId))).toEqual([first.id]);
      expect(ids(await collect(store().readAll({ streamPrefixes: [prefix] })))).toEqual([first.id]);
    });

    it('rejects a wrong revision and writes none of the events', async () => {
      const prefix = uniquePrefix();
      const streamId = `${prefix}1`;
      const first = newEvent();
      await store().appendToStream(streamId, [first], 'no_stream');
      for (const wrong of [1n, 5n]) {
        const error = await store()
          .appendToStream(streamId, [newEvent(), newEvent()], wrong)
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedRevisionError);
        expect(error).toMatchObject({ streamId, expected: wrong, actual: 0n });
      }
      const missing = `${prefix}2`;
      const error = await store()
        .appendToStream(missing, [newEvent()], 0n)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', streamId: missing, actual: 'no_stream' });
      expect(ids(await collect(store().readAll({ streamPrefixes: [prefix] })))).toEqual([first.id]);
    });

    it("appends with 'any' to a new and to an existing stream", async () => {
      const streamId = `${uniquePrefix()}1`;
      expect((await store().appendToStream(streamId, [newEvent()], 'any')).nextRevision).toBe(0n);
      expect((await store().appendToStream(streamId, [newEvent(), newEvent()], 'any')).nextRevision).toBe(2n);
      expect(await store().readStream(streamId)).toHaveLength(3);
    });

    it('rejects an empty append', async () => {
      const streamId = `${uniquePrefix()}1`;
      await expect(store().appendToStream(streamId, [], 'any')).rejects.toBeInstanceOf(RangeError);
      expect(await store().readStream(streamId)).toEqual([]);
    });

    it('keeps the events of one append in order, contiguous in $all', async () => {
      const streamId = `${uniquePrefix()}1`;
      const events = [newEvent('A'), newEvent('B'), newEvent('C')];
      const result = await store().appendToStream(streamId, events, 'no_stream');
      const stored = await store().readStream(streamId);
      expect(ids(stored)).toEqual(ids(events));
      expect(stored.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
      expect(stored[2]?.position).toEqual(result.position);
      // No other event can fall between them, whatever else the store receives.
      const following = await collect(store().readAll({ after: defined(stored[0]).position, maxCount: 2 }));
      expect(ids(following)).toEqual(ids(events.slice(1)));
    });

    it('lets exactly one of two concurrent appends with the same expected revision win', async () => {
      const streamId = `${uniquePrefix()}1`;
      await store().appendToStream(streamId, [newEvent()], 'no_stream');
      const contenders = [newEvent('Left'), newEvent('Right')];
      const outcomes = await Promise.allSettled(contenders.map((event) => store().appendToStream(streamId, [event], 0n)));
      const winners = outcomes.filter((o) => o.status === 'fulfilled');
      const losers = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      expect(losers[0]?.reason).toBeInstanceOf(WrongExpectedRevisionError);
      const stored = await store().readStream(streamId);
      expect(stored).toHaveLength(2);
      const winner = defined(contenders[outcomes.findIndex((o) => o.status === 'fulfilled')], 'the winning append');
      const [before, after] = stored;
      if (!before || !after) throw new Error(`${streamId} does not hold two events`);
      expect(after.id).toBe(winner.id);
      expect(comparePositions(after.position, before.position)).toBeGreaterThan(0);
    });
  });
}
