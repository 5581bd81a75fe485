import { EventStore } from '../event-store.port';
import { comparePositions } from '../position';
import { defined, eventsUntil, ids, newEvent, nextEvents, settle, uniquePrefix } from './contract-helpers';

export function describeSubscribeContract(store: () => EventStore): void {
  describe('subscribeToAll', () => {
    it('delivers the stored events, then live ones, in order and without duplicates', async () => {
      const prefix = uniquePrefix();
      const stored = [newEvent('S1'), newEvent('S2')];
      await store().appendToStream(`${prefix}1`, stored, 'no_stream');
      const subscription = store().subscribeToAll({ streamPrefixes: [prefix] });
      try {
        const iterator = subscription[Symbol.asyncIterator]();
        expect(ids(await nextEvents(iterator, 2))).toEqual(ids(stored));
        // The subscription is waiting (a pending next()) when the live events are appended.
        const live = [newEvent('L1'), newEvent('L2'), newEvent('L3')];
        const liveArriving = nextEvents(iterator, 3);
        await settle();
        await store().appendToStream(`${prefix}1`, live.slice(0, 2), 1n);
        await store().appendToStream(`${prefix}2`, live.slice(2), 'no_stream');
        expect(ids(await liveArriving)).toEqual(ids(live));
        // A marker last: any duplicate of an earlier event would arrive before it.
        const marker = newEvent('Marker');
        const markerArriving = nextEvents(iterator, 1);
        await settle();
        await store().appendToStream(`${prefix}1`, [marker], 3n);
        expect(ids(await markerArriving)).toEqual([marker.id]);
      } finally {
        await subscription.close();
      }
    });

    it('resumes exactly after the given position', async () => {
      const prefix = uniquePrefix();
      const [first, second, third] = [newEvent('E0'), newEvent('E1'), newEvent('E2')];
      await store().appendToStream(`${prefix}1`, [first], 'no_stream');
      await store().appendToStream(`${prefix}1`, [second, third], 0n);
      const storedSecond = defined((await store().readStream(`${prefix}1`))[1]);

      const filtered = store().subscribeToAll({ after: storedSecond.position, streamPrefixes: [prefix] });
      const unfiltered = store().subscribeToAll({ after: storedSecond.position });
      try {
        const live = newEvent('E3');
        const filteredArriving = eventsUntil(filtered, live.id);
        await settle();
        await store().appendToStream(`${prefix}1`, [live], 2n);
        expect(ids(await filteredArriving)).toEqual([third.id, live.id]);
        // Unfiltered: `third` was appended with `second`, so nothing can come between them.
        const next = defined((await nextEvents(unfiltered[Symbol.asyncIterator](), 1))[0]);
        expect(next.id).toBe(third.id);
        expect(comparePositions(next.position, storedSecond.position)).toBe(1);
      } finally {
        await Promise.all([filtered.close(), unfiltered.close()]);
      }
    });

    it('delivers only the streams matching its prefixes', async () => {
      const prefix = uniquePrefix();
      const [k1, k2, k3] = [newEvent('K1'), newEvent('K2'), newEvent('K3')];
      const kept = [k1, k2, k3];
      await store().appendToStream(`${prefix}keep-1`, [k1], 'no_stream');
      await store().appendToStream(`${prefix}drop-1`, [newEvent('D1')], 'no_stream');
      const subscription = store().subscribeToAll({ streamPrefixes: [`${prefix}keep-`] });
      try {
        const receiving = eventsUntil(subscription, k3.id);
        await settle();
        await store().appendToStream(`${prefix}drop-1`, [newEvent('D2')], 0n);
        await store().appendToStream(`${prefix}keep-2`, [k2], 'no_stream');
        await store().appendToStream(`${prefix}drop-2`, [newEvent('D3')], 'no_stream');
        await store().appendToStream(`${prefix}keep-1`, [k3], 0n);
        expect(ids(await receiving)).toEqual(ids(kept));
      } finally {
        await subscription.close();
      }
    });

    it('ends a pending iteration when closed', async () => {
      const subscription = store().subscribeToAll({ streamPrefixes: [uniquePrefix()] });
      const pending = subscription[Symbol.asyncIterator]().next();
      await subscription.close();
      expect((await pending).done).toBe(true);
    });

    it('ends a for-await loop closed from inside, delivering nothing more', async () => {
      const prefix = uniquePrefix();
      await store().appendToStream(`${prefix}1`, [newEvent('A'), newEvent('B')], 'no_stream');
      const subscription = store().subscribeToAll({ streamPrefixes: [prefix] });
      const received: string[] = [];
      for await (const event of subscription) {
        received.push(event.type);
        await subscription.close();
        await store().appendToStream(`${prefix}1`, [newEvent('C')], 'any');
      }
      expect(received).toEqual(['A']);
    });
  });
}
