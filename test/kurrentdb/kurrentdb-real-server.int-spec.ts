import { KurrentDbEventStore } from '@identity/event-store/kurrentdb';
import { describeEventStoreContract } from '@identity/event-store/testing/event-store.contract';

/**
 * The event store contract against a real KurrentDB server (`npm run test:kurrentdb`), e.g.
 *   docker run --rm -p 2113:2113 docker.kurrent.io/kurrent-latest/kurrentdb:latest --insecure
 *   KURRENTDB_CONNECTION_STRING='kurrentdb://localhost:2113?tls=false' npx jest test/kurrentdb
 * The tests use their own unique stream ids, so the server may hold other data.
 */
const connectionString = process.env.KURRENTDB_CONNECTION_STRING?.trim();
const SKIPPED = 'skipped: KURRENTDB_CONNECTION_STRING is not set';

if (!connectionString) {
  console.warn(`KurrentDB real-server suite ${SKIPPED} (e.g. kurrentdb://localhost:2113?tls=false)`);
}

(connectionString ? describe : describe.skip)(
  `KurrentDbEventStore on a real KurrentDB server${connectionString ? '' : ` (${SKIPPED})`}`,
  () => {
    jest.setTimeout(30_000);

    describeEventStoreContract('kurrentdb (real server)', async () => {
      const store = new KurrentDbEventStore({ connectionString: connectionString ?? '' });
      return { store, cleanup: () => store.close() };
    });
  },
);
