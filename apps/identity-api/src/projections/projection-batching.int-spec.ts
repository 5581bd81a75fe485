import { randomUUID } from 'node:crypto';
import { accountStream } from '@identity/domain';
import { InMemoryEventStore, JsonObject, Position } from '@identity/event-store';
import { challengeIssued, registered, totpProtected } from '@identity/testing';
import {
  AccountSecurityRepository,
  allProjections,
  AuditHistoryRepository,
  ProjectionRunner,
  rebuildProjection,
} from '@identity/read-models';
import { ReadModelDb } from '@identity/read-models';
import { READ_MODEL_ADAPTERS, useReadModelDb } from '../../../../test/support/read-model-adapters';
import { waitForProjection } from './projection-progress';

const quietLogger = { warn: () => undefined, error: () => undefined };
const meta = { correlationId: 'c-1', causationId: null, actor: 'account:a', ip: '127.0.0.1', userAgent: 'spec' };

/** The database, counting the transactions begun on it. */
function countingTransactions(db: ReadModelDb): { db: ReadModelDb; count: () => number } {
  let count = 0;
  const counted = new Proxy(db, {
    get(target, property) {
      if (property === 'transaction') {
        return (work: Parameters<ReadModelDb['transaction']>[0]) => {
          count += 1;
          return target.transaction(work);
        };
      }
      const value = Reflect.get(target, property) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { db: counted, count: () => count };
}

describe.each(READ_MODEL_ADAPTERS)('projection runners under a burst in %s', (dialect) => {
  const readModels = useReadModelDb(dialect);

  it('apply a backlog in a few transactions, giving the same rows as one event at a time', async () => {
    const store = new InMemoryEventStore();
    let last: Position | undefined;
    for (let i = 0; i < 30; i += 1) {
      const accountId = `${String(i).padStart(8, '0')}-0000-4000-8000-000000000001`;
      const history = [registered({ accountId }), ...totpProtected().slice(1), challengeIssued()];
      const appended = await store.appendToStream(
        accountStream(accountId),
        history.map((e) => ({ id: randomUUID(), type: e.type, data: e.data as unknown as JsonObject, metadata: meta })),
        'no_stream',
      );
      last = appended.position;
    }
    const events = (await store.readStream(accountStream(`00000000-0000-4000-8000-000000000001`))).length * 30;
    const { db, count } = countingTransactions(readModels.db);
    const runners = allProjections().map((p) => new ProjectionRunner(p, store, db, quietLogger));
    await Promise.all(runners.map((r) => r.setUp()));
    const setUp = count();
    runners.forEach((r) => r.start());
    await Promise.all(runners.map((r) => waitForProjection(r, last as Position, 5000)));
    await Promise.all(runners.map((r) => r.stop()));
    // One transaction per event per projection would be 3 × events; a backlog goes in batches (a
    // handful each, more when the machine is so busy that a turn of the event loop passes mid-page).
    expect(count() - setUp).toBeLessThan(events / 4);
    expect(events).toBeGreaterThan(100);
    const rows = async () => ({
      security: await new AccountSecurityRepository(readModels.db).all(),
      audit: await new AuditHistoryRepository(readModels.db).list(null, 10_000),
    });
    const batched = await rows();
    expect(batched.security).toHaveLength(30);
    expect(batched.audit).toHaveLength(events);
    for (const projection of allProjections()) await rebuildProjection(projection, store, readModels.db);
    expect(await rows()).toEqual(batched);
  }, 20_000);
});
