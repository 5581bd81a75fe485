import { EventStore } from '../event-store.port';
import { describeAppendContract } from './event-store-append.contract';
import { describeReadContract } from './event-store-read.contract';
import { describeSubscribeContract } from './event-store-subscribe.contract';

/**
 * The behaviour every `EventStore` adapter must have, as jest tests. Each test gets a fresh store
 * from `createStore` and calls `cleanup` after. The tests use their own unique stream ids and only
 * look at their own events or at positions they obtained, so they also pass on a shared server
 * that already holds (and concurrently receives) other events.
 *
 * Import it by path (`@identity/event-store/testing/event-store.contract`), not from the index.
 */
export function describeEventStoreContract(
  adapterName: string,
  createStore: () => Promise<{ store: EventStore; cleanup: () => Promise<void> }>,
): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let store: EventStore | undefined;
    let cleanup: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      ({ store, cleanup } = await createStore());
    });

    afterEach(async () => {
      await cleanup?.();
      store = undefined;
      cleanup = undefined;
    });

    const currentStore = (): EventStore => {
      if (!store) throw new Error('no store: createStore did not run');
      return store;
    };

    it('reports itself up', async () => {
      const health = await currentStore().health();
      expect(health.up).toBe(true);
      expect(typeof health.name).toBe('string');
    });

    describeAppendContract(currentStore);
    describeReadContract(currentStore);
    describeSubscribeContract(currentStore);
  });
}
