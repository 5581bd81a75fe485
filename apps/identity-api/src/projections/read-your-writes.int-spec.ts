import { randomUUID } from 'node:crypto';
import { accountStream } from '@identity/domain';
import { InMemoryEventStore, JsonObject } from '@identity/event-store';
import { AccountSecurityRepository, allProjections, ProjectionRunner } from '@identity/read-models';
import { registered } from '@identity/testing';
import { useReadModelDb } from '../../../../test/support/read-model-adapters';
import { OwnWrites, recordingOwnWrites } from '../infrastructure/own-writes';
import { ReadYourWrites } from './read-your-writes';

const quietLogger = { warn: () => undefined, error: () => undefined };
const ACCOUNT = '00000000-0000-4000-8000-0000000000aa';

describe('read-your-writes', () => {
  const readModels = useReadModelDb('sqlite');

  async function setUp(timeoutMs: number) {
    const writes = new OwnWrites();
    const store = recordingOwnWrites(new InMemoryEventStore(), writes);
    const runners = allProjections().map((p) => new ProjectionRunner(p, store, readModels.db, quietLogger));
    await Promise.all(runners.map((r) => r.setUp()));
    const register = async () => {
      const event = registered({ accountId: ACCOUNT });
      const metadata = { correlationId: 'c', causationId: null, actor: null, ip: null, userAgent: null };
      await store.appendToStream(
        accountStream(ACCOUNT),
        [{ id: randomUUID(), type: event.type, data: event.data as unknown as JsonObject, metadata }],
        'no_stream',
      );
    };
    return { writes, runners, register, consistency: new ReadYourWrites(runners, writes, timeoutMs) };
  }

  it('answers at once when the account has no write pending', async () => {
    const { consistency } = await setUp(60_000);
    await consistency.settle(ACCOUNT);
  });

  it('holds a read until every read model shows the write, then forgets the write', async () => {
    const { consistency, runners, register, writes } = await setUp(10_000);
    await register();
    let settled = false;
    const waiting = consistency.settle(ACCOUNT).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(settled).toBe(false);
    runners.forEach((r) => r.start());
    await waiting;
    expect(await new AccountSecurityRepository(readModels.db).find(ACCOUNT)).not.toBeNull();
    expect(writes.of(ACCOUNT)).toBeUndefined();
    await Promise.all(runners.map((r) => r.stop()));
  });

  it('gives up after its timeout and keeps the write for the next read', async () => {
    const { consistency, register, writes } = await setUp(50);
    await register();
    await consistency.settle(ACCOUNT);
    expect(await new AccountSecurityRepository(readModels.db).find(ACCOUNT)).toBeNull();
    expect(writes.of(ACCOUNT)).toBeDefined();
  });
});
