import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import { collect, newEvent, uniquePrefix } from '../testing/contract-helpers';
import { SqliteEventStore } from './sqlite-event-store';

/** Issue 12: concurrent appends share one transaction and one fsync, and each still stands or falls alone. */
describe('SqliteEventStore group commit', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
    file = join(dir, 'events.db');
    store = new SqliteEventStore({ filePath: file, pollIntervalMs: 3_600_000, busyTimeoutMs: 50 });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes sixteen concurrent appends to sixteen streams, each at its own revision, in order of arrival', async () => {
    const prefix = uniquePrefix();
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) => store.appendToStream(`${prefix}-${i}`, [newEvent('A'), newEvent('B')], 'no_stream')),
    );
    expect(results.map((r) => r.nextRevision)).toEqual(Array(16).fill(1n));
    const positions = results.map((r) => r.position.commit);
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    for (let i = 0; i < 16; i += 1) expect((await store.readStream(`${prefix}-${i}`)).map((e) => e.type)).toEqual(['A', 'B']);
  });

  it('fails only the conflicting append of a group; the others commit', async () => {
    const stream = `${uniquePrefix()}-contested`;
    const other = `${uniquePrefix()}-other`;
    const outcomes = await Promise.allSettled([
      store.appendToStream(stream, [newEvent('First')], 'no_stream'),
      store.appendToStream(stream, [newEvent('Second')], 'no_stream'),
      store.appendToStream(other, [newEvent('Other')], 'no_stream'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
    expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['First']);
    expect((await store.readStream(other)).map((e) => e.type)).toEqual(['Other']);
  });

  it('answers UNAVAILABLE for every append of a group the database refuses, writes none of them, and writes the next group', async () => {
    const blocker = new Database(file);
    blocker.exec('BEGIN IMMEDIATE'); // another writer holds the lock past the busy timeout
    const prefix = uniquePrefix();
    const refused = await Promise.allSettled([1, 2, 3].map((i) => store.appendToStream(`${prefix}-${i}`, [newEvent()], 'no_stream')));
    expect(refused.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const outcome of refused) expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(EventStoreUnavailableError);
    blocker.exec('ROLLBACK');
    blocker.close();
    expect(await collect(store.readAll({ streamPrefixes: [`${prefix}-`] }))).toEqual([]);
    await store.appendToStream(`${prefix}-1`, [newEvent()], 'no_stream');
    expect(await store.readStream(`${prefix}-1`)).toHaveLength(1);
  });

  it('writes appends already accepted before closing', async () => {
    const stream = `${uniquePrefix()}-closing`;
    const pending = store.appendToStream(stream, [newEvent('Last')], 'no_stream');
    await store.close();
    await expect(pending).resolves.toMatchObject({ nextRevision: 0n });
    const reopened = new SqliteEventStore({ filePath: file });
    try {
      expect((await reopened.readStream(stream)).map((e) => e.type)).toEqual(['Last']);
    } finally {
      await reopened.close();
    }
  });
});

/**
 * A committed group's appenders answer before the store's own subscribers (the projections in the
 * API process) read it: woken in the same microtask drain, a subscriber read and applied the whole
 * group before any answer left, and every request of the group waited for the projections' work.
 */
describe('SqliteEventStore wakes its subscriptions after the appenders continue', () => {
  it("lets an appender's long continuation finish before a subscriber sees the group", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wake-order-'));
    const store = new SqliteEventStore({ filePath: join(dir, 'events.db'), pollIntervalMs: 3_600_000 });
    try {
      const prefix = uniquePrefix();
      const order: string[] = [];
      const subscription = store.subscribeToAll({ streamPrefixes: [`${prefix}-`] });
      const seen = (async () => {
        for await (const event of subscription) {
          order.push(`seen ${event.type}`);
          return;
        }
      })();
      await new Promise((resolve) => setImmediate(resolve)); // the subscription has read its empty page and sleeps
      const answered = (async () => {
        await store.appendToStream(`${prefix}-a`, [newEvent('Logon')], 'no_stream');
        for (let hop = 0; hop < 200; hop += 1) await Promise.resolve(); // resolvers, GraphQL, the answer's write
        order.push('answered');
      })();
      await Promise.all([answered, seen]);
      expect(order).toEqual(['answered', 'seen Logon']);
      await subscription.close();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
