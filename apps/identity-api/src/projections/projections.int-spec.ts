import { randomUUID } from 'node:crypto';
import { AccountEvent, accountStream } from '@identity/domain';
import { EventStore, InMemoryEventStore, JsonObject, RecordedEvent } from '@identity/event-store';
import { at, challengeIssued, defined, registered, totpProtected } from '@identity/testing';
import { AccountSecurityRepository } from '@identity/read-models';
import { AuditHistoryRepository } from '@identity/read-models';
import { ReadModelDb } from '@identity/read-models';
import { READ_MODEL_ADAPTERS, useReadModelDb } from '../../../../test/support/read-model-adapters';
import { allProjections } from '@identity/read-models';
import { waitForProjection } from './projection-progress';
import { ProjectionRunner } from '@identity/read-models';
import { rebuildProjection } from '@identity/read-models';

const quietLogger = { warn: () => undefined, error: () => undefined };
const meta = { correlationId: 'c-1', causationId: null, actor: 'account:a', ip: '127.0.0.1', userAgent: 'spec' };

/** Appends a history (its first event an AccountRegistered) to the account's stream, registered under `accountId`. */
async function appendHistory(store: EventStore, accountId: string, events: AccountEvent[]): Promise<RecordedEvent[]> {
  const history = [registered({ accountId }), ...events.slice(1)];
  await store.appendToStream(
    accountStream(accountId),
    history.map((e) => ({
      id: randomUUID(),
      type: e.type,
      data: e.data as unknown as JsonObject,
      metadata: meta,
    })),
    'no_stream',
  );
  return store.readStream(accountStream(accountId));
}

async function rows(db: ReadModelDb) {
  return { security: await new AccountSecurityRepository(db).all(), audit: await new AuditHistoryRepository(db).list(null, 10_000) };
}

async function runLive(store: EventStore, db: ReadModelDb): Promise<ProjectionRunner[]> {
  const runners = allProjections().map((p) => new ProjectionRunner(p, store, db, quietLogger));
  runners.forEach((r) => r.start());
  return runners;
}

describe.each(READ_MODEL_ADAPTERS)('projections in %s', (dialect) => {
  const accountA = 'aaaaaaaa-0000-4000-8000-000000000001';
  const accountB = 'bbbbbbbb-0000-4000-8000-000000000002';
  const readModels = useReadModelDb(dialect);
  let store: InMemoryEventStore;
  let db: ReadModelDb;

  beforeEach(() => {
    store = new InMemoryEventStore();
    db = readModels.db;
  });

  it('turn events into rows: security state per account, one audit row per event, secrets redacted', async () => {
    const recorded = await appendHistory(store, accountA, [...totpProtected(), challengeIssued()]);
    const runners = await runLive(store, db);
    await Promise.all(runners.map((r) => waitForProjection(r, defined(recorded.at(-1)).position, 2000)));
    await Promise.all(runners.map((r) => r.stop()));
    const { security, audit } = await rows(db);
    expect(security).toEqual([
      expect.objectContaining({
        accountId: accountA,
        loginName: 'alice',
        protectionEnabled: true,
        scenes: ['LOGON'],
        method: 'TOTP',
        totpBound: true,
        totpBoundAt: at(40),
      }),
    ]);
    expect(audit.map((r) => r.type)).toEqual(recorded.map((e) => e.type));
    expect(audit[0]).toMatchObject({ accountId: accountA, actor: 'account:a', ip: '127.0.0.1', userAgent: 'spec', correlationId: 'c-1' });
    expect(JSON.stringify(audit)).not.toMatch(/argon2|enc:v1|hash-of/);
  });

  it('skip an event at or before the checkpoint, so a redelivery changes nothing', async () => {
    const recorded = await appendHistory(store, accountA, totpProtected());
    const runners = allProjections().map((p) => new ProjectionRunner(p, store, db, quietLogger));
    for (const event of recorded) for (const r of runners) await r.applyOne(event);
    const once = await rows(db);
    const again = await Promise.all(runners.map((r) => r.applyOne(defined(recorded[3]))));
    expect(again).toEqual(runners.map(() => false));
    expect(await rows(db)).toEqual(once);
  });

  it('rebuilt from zero give the same rows as the live ones', async () => {
    await appendHistory(store, accountA, totpProtected());
    const recordedB = await appendHistory(store, accountB, [...totpProtected().slice(0, 3), challengeIssued()]);
    const runners = await runLive(store, db);
    await Promise.all(runners.map((r) => waitForProjection(r, defined(recordedB.at(-1)).position, 2000)));
    await Promise.all(runners.map((r) => r.stop()));
    const live = await rows(db);
    expect(live.security).toHaveLength(2);
    for (const projection of allProjections()) await rebuildProjection(projection, store, db);
    expect(await rows(db)).toEqual(live);
  });

  it('resume from the stored checkpoint after a restart, with no duplicate rows', async () => {
    await appendHistory(store, accountA, totpProtected());
    let runners = await runLive(store, db);
    const first = await store.readStream(accountStream(accountA));
    await Promise.all(runners.map((r) => waitForProjection(r, defined(first.at(-1)).position, 2000)));
    await Promise.all(runners.map((r) => r.stop()));
    const recordedB = await appendHistory(store, accountB, totpProtected().slice(0, 2));
    runners = await runLive(store, db);
    await Promise.all(runners.map((r) => waitForProjection(r, defined(recordedB.at(-1)).position, 2000)));
    await Promise.all(runners.map((r) => r.stop()));
    const audit = (await rows(db)).audit;
    expect(audit).toHaveLength(first.length + recordedB.length);
    expect(new Set(audit.map((r) => r.eventId)).size).toBe(audit.length);
  });

  // Two connections in one process, as two processes would have: on SQLite the one that meets the other's
  // write lock waits on a timer (sqlite-busy.ts), so the connection holding it can finish meanwhile.
  it('apply each event once when two processes project into the same database at the same time', async () => {
    const recordedA = await appendHistory(store, accountA, totpProtected());
    const recordedB = await appendHistory(store, accountB, totpProtected());
    const other = readModels.openAnother();
    const runnersOn = (connection: typeof db) => allProjections().map((p) => new ProjectionRunner(p, store, connection, quietLogger));
    const [first, second] = [runnersOn(db), runnersOn(other)];
    await Promise.all([...first, ...second].map((r) => r.setUp()));
    const events = [...recordedA, ...recordedB];
    const applied = await Promise.all(
      [first, second].map(async (runners) => {
        let count = 0;
        for (const event of events) for (const r of runners) if (await r.applyOne(event)) count++;
        return count;
      }),
    );
    expect(applied.reduce((sum, count) => sum + count, 0)).toBe(events.length * first.length);
    const { audit } = await rows(db);
    expect(audit.map((r) => r.eventId)).toEqual(events.map((e) => e.id));
  });

  it('let a live runner skip what a concurrent rebuild applied', async () => {
    const recorded = await appendHistory(store, accountA, totpProtected());
    const runners = allProjections().map((p) => new ProjectionRunner(p, store, db, quietLogger));
    await Promise.all(runners.map((r) => r.setUp()));
    const other = readModels.openAnother();
    const rebuilt = Promise.all(allProjections().map((p) => rebuildProjection(p, store, other)));
    for (const event of recorded) for (const r of runners) await r.applyOne(event);
    await rebuilt;
    const { audit, security } = await rows(db);
    expect(audit.map((r) => r.eventId)).toEqual(recorded.map((e) => e.id));
    expect(security).toHaveLength(1);
  });
});
