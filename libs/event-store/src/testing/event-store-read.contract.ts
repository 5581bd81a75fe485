import { EventStore, JsonObject } from '../event-store.port';
import { comparePositions } from '../position';
import { collect, defined, ids, metadata, newEvent, uniquePrefix } from './contract-helpers';

export function describeReadContract(store: () => EventStore): void {
  describe('readStream', () => {
    it('returns [] for a missing stream', async () => {
      expect(await store().readStream(`${uniquePrefix()}missing`)).toEqual([]);
    });

    it('reads from a revision on', async () => {
      const streamId = `${uniquePrefix()}1`;
      await store().appendToStream(
        streamId,
        [1, 2, 3, 4, 5].map((n) => newEvent('N', { n })),
        'no_stream',
      );
      const fromTwo = await store().readStream(streamId, 2n);
      expect(fromTwo.map((e) => e.revision)).toEqual([2n, 3n, 4n]);
      expect(fromTwo.map((e) => e.data)).toEqual([{ n: 3 }, { n: 4 }, { n: 5 }]);
      expect(await store().readStream(streamId, 5n)).toEqual([]);
    });

    it('reads only the tail of a long stream from its last revisions, and nothing past its end', async () => {
      const streamId = `${uniquePrefix()}long`;
      const batch = (from: number) => Array.from({ length: 250 }, (_, i) => newEvent('N', { n: from + i }));
      await store().appendToStream(streamId, batch(0), 'no_stream');
      await store().appendToStream(streamId, batch(250), 249n);
      const tail = await store().readStream(streamId, 498n);
      expect(tail.map((e) => [e.revision, e.data.n])).toEqual([
        [498n, 498],
        [499n, 499],
      ]);
      expect(tail[0]?.id).toBe(defined((await store().readStream(streamId))[498]).id);
      expect(await store().readStream(streamId, 500n)).toEqual([]);
      expect(await store().readStream(streamId, 10_000n)).toEqual([]);
      expect(await store().readStream(`${uniquePrefix()}missing`, 3n)).toEqual([]);
    });
  });

  describe('streamTip', () => {
    // Optional in the port; every store here has it (the session check reads it on every request).
    const tipOf = (streamId: string) => {
      const read = store().streamTip?.bind(store());
      if (!read) throw new Error('this store has no streamTip');
      return read(streamId);
    };

    it('is null for a missing stream, else the last revision and the hash its metadata claims', async () => {
      const streamId = `${uniquePrefix()}tip`;
      expect(await tipOf(streamId)).toBeNull();
      const hash = 'a'.repeat(64);
      await store().appendToStream(streamId, [newEvent('N', { n: 1 }), newEvent('N', { n: 2 }, metadata({ hash }))], 'no_stream');
      expect(await tipOf(streamId)).toEqual({ revision: 1n, hash });
      await store().appendToStream(streamId, [newEvent('N', { n: 3 })], 1n);
      expect(await tipOf(streamId)).toEqual({ revision: 2n, hash: null }); // an event that claims none
    });
  });

  describe('readAll', () => {
    it('gives bigint revisions and strictly increasing bigint positions in append order', async () => {
      const prefix = uniquePrefix();
      const appended = [];
      for (const streamId of [`${prefix}a`, `${prefix}b`, `${prefix}a`, `${prefix}b`, `${prefix}a`]) {
        const event = newEvent();
        await store().appendToStream(streamId, [event], 'any');
        appended.push(event);
      }
      const read = await collect(store().readAll({ streamPrefixes: [prefix] }));
      expect(ids(read)).toEqual(ids(appended));
      expect(read.map((e) => e.revision)).toEqual([0n, 0n, 1n, 1n, 2n]);
      for (const event of read) {
        expect(typeof event.revision).toBe('bigint');
        expect(typeof event.position.commit).toBe('bigint');
        expect(typeof event.position.prepare).toBe('bigint');
      }
      let previous: (typeof read)[number] | undefined;
      for (const event of read) {
        if (previous) expect(comparePositions(event.position, previous.position)).toBe(1);
        previous = event;
      }
    });

    it('round-trips JSON data and metadata exactly', async () => {
      const streamId = `${uniquePrefix()}1`;
      const data: JsonObject = {
        text: 'Grüße, 東京, emoji 🔐, quote " backslash \\ newline \n tab \t nul \u0000',
        numbers: { zero: 0, negative: -42, float: 0.1, big: Number.MAX_SAFE_INTEGER, exp: 1e21, tiny: 5e-324 },
        flags: [true, false, null],
        nested: { deeper: { deepest: [[], {}, [{ a: 'b' }]] } },
        empty: '',
        nothing: null,
      };
      const meta = metadata({ causationId: 'cause-é', actor: 'user-1', ip: '2001:db8::1', userAgent: 'Agent/1.0 (ünïcode)' });
      await store().appendToStream(streamId, [newEvent('Typed', data, meta)], 'no_stream');
      const fromStream = defined((await store().readStream(streamId))[0]);
      expect(fromStream.data).toStrictEqual(data);
      expect(fromStream.metadata).toStrictEqual(meta);
      expect(JSON.stringify(fromStream.data)).toBe(JSON.stringify(data));
      expect(JSON.stringify(fromStream.metadata)).toBe(JSON.stringify(meta));
      const fromAll = defined((await collect(store().readAll({ after: undefined, streamPrefixes: [streamId] })))[0]);
      expect(fromAll.data).toStrictEqual(data);
    });

    it('reads after a position, exclusive', async () => {
      const prefix = uniquePrefix();
      const events = [newEvent(), newEvent(), newEvent()];
      await store().appendToStream(`${prefix}1`, events, 'no_stream');
      const stored = await store().readStream(`${prefix}1`);
      const afterFirst = await collect(store().readAll({ after: defined(stored[0]).position, streamPrefixes: [prefix] }));
      expect(ids(afterFirst)).toEqual(ids(events.slice(1)));
      expect(await collect(store().readAll({ after: defined(stored[2]).position, streamPrefixes: [prefix] }))).toEqual([]);
    });

    it('filters by stream prefixes, exactly and case-sensitively', async () => {
      const prefix = uniquePrefix();
      const wanted = [`${prefix}a-1`, `${prefix}%_-1`, `${prefix}a-2`];
      const unwanted = [`${prefix}b-1`, `${prefix}A-1`, `${prefix}xa-1`, `${prefix}`];
      const appended = new Map<string, string>();
      for (const streamId of [...wanted, ...unwanted]) {
        const event = newEvent();
        await store().appendToStream(streamId, [event], 'no_stream');
        appended.set(streamId, event.id);
      }
      const read = await collect(store().readAll({ streamPrefixes: [`${prefix}a-`, `${prefix}%_`] }));
      expect(ids(read)).toEqual(wanted.map((s) => appended.get(s)));
      expect(read.map((e) => e.streamId)).toEqual(wanted);
    });

    it('stops at maxCount', async () => {
      const prefix = uniquePrefix();
      const events = [1, 2, 3, 4, 5].map((n) => newEvent('N', { n }));
      await store().appendToStream(`${prefix}1`, events, 'no_stream');
      expect(ids(await collect(store().readAll({ streamPrefixes: [prefix], maxCount: 3 })))).toEqual(ids(events.slice(0, 3)));
      expect(await collect(store().readAll({ streamPrefixes: [prefix], maxCount: 0 }))).toEqual([]);
    });
  });
}
