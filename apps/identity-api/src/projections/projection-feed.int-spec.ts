import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { accountStream } from '@identity/domain';
import { EventStore, JsonObject, positionToString, RecordedEvent, SqliteEventStore } from '@identity/event-store';
import { AccountSecurityRepository, allProjections, AuditHistoryRepository, ProjectionFeed, ProjectionRunner } from '@identity/read-models';
import { ReadModelDb, rebuildProjection } from '@identity/read-models';
import { challengeIssued, defined, registered } from '@identity/testing';
import { READ_MODEL_ADAPTERS, useReadModelDb } from '../../../../test/support/read-model-adapters';
import { eventually } from '../../../../test/support/polling';

const quiet = { warn: () => undefined, error: () => undefined };
const meta = { correlationId: 'c-1', causationId: null, actor: 'account:a', ip: '127.0.0.1', userAgent: 'spec' };
const fastRetry = { initialMs: 10, maxMs: 50, damageRetryMs: 100 };

async function register(store: EventStore, accountId = randomUUID()): Promise<RecordedEvent> {
  const event = registered({ accountId });
  await store.appendToStream(
    accountStream(accountId),
    [{ id: randomUUID(), type: event.type, data: event.data as unknown as JsonObject, metadata: meta }],
    'no_stream',
  );
  return defined((await store.readStream(accountStream(accountId)))[0]);
}

async function challenge(store: EventStore, accountId: string): Promise<RecordedEvent> {
  const event = challengeIssued();
  const result = await store.appendToStream(
    accountStream(accountId),
    [{ id: randomUUID(), type: event.type, data: event.data as unknown as JsonObject, metadata: meta }],
    'any',
  );
  return defined((await store.readStream(accountStream(accountId))).find((e) => e.position.commit === result.position.commit));
}

/** The database and the store, counting the transactions begun and the subscriptions opened. */
function counting(db: ReadModelDb, store: EventStore) {
  const counts = { transactions: 0, subscriptions: 0 };
  const wrap = <T extends object>(target: T, method: string, key: keyof typeof counts): T =>
    new Proxy(target, {
      get(object, property) {
        const value = Reflect.get(object, property) as unknown;
        if (typeof value !== 'function') return value;
        const bound = (value as (...args: unknown[]) => unknown).bind(object);
        if (property !== method) return bound;
        return (...args: unknown[]) => {
          counts[key] += 1;
          return bound(...args);
        };
      },
    });
  return { db: wrap(db, 'transaction', 'transactions'), store: wrap(store, 'subscribeToAll', 'subscriptions'), counts };
}

async function rows(db: ReadModelDb) {
  return { security: await new AccountSecurityRepository(db).all(), audit: await new AuditHistoryRepository(db).list(null, 10_000) };
}

/**
 * How long a spec waits for the feed to reach a state. It takes milliseconds alone; 3 s were seen to
 * run out on a loaded 2-core machine with three Jest workers, so the bound is generous (and the
 * tests' timeout with it): it only limits how long a real failure takes to report.
 */
const SETTLE_MS = 15_000;
jest.setTimeout(4 * SETTLE_MS);

const atPosition = (runners: readonly ProjectionRunner[], event: RecordedEvent) => async () =>
  (await Promise.all(runners.map((r) => r.checkpoint()))).every(
    (c) => c !== undefined && positionToString(c) === positionToString(event.position),
  );

/** How many read models still run on their own once every one has joined the feed (or after SETTLE_MS). */
const noneAlone = (feed: ProjectionFeed) =>
  eventually(
    async () => feed.runningAlone.length,
    (n) => n === 0,
    SETTLE_MS,
  );

describe.each(READ_MODEL_ADAPTERS)('the projection feed in %s', (dialect) => {
  const readModels = useReadModelDb(dialect);
  let dir: string;
  let sqlite: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'projection-feed-'));
    sqlite = new SqliteEventStore({ filePath: join(dir, 'events.db'), pollIntervalMs: 10_000 });
  });
  afterEach(async () => {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads once for all read models, woken by the append, and applies each event in one transaction for all', async () => {
    const accountId = randomUUID();
    await register(sqlite, accountId);
    const { db, store, counts } = counting(readModels.db, sqlite);
    const runners = allProjections().map((p) => new ProjectionRunner(p, store, db, quiet));
    await Promise.all(runners.map((r) => r.setUp()));
    const feed = new ProjectionFeed(runners, store, db, quiet);
    feed.start();
    try {
      await eventually(
        async () => counts.subscriptions,
        (n) => n > 0,
        2000,
      );
      const before = counts.transactions;
      const live = await challenge(sqlite, accountId); // the store polls only every 10 s: the append wakes the feed
      expect(await eventually(atPosition(runners, live), Boolean, 2000)).toBe(true);
      expect(counts.transactions - before).toBe(1);
      expect(counts.subscriptions).toBe(1);
      expect(feed.runningAlone).toEqual([]);
    } finally {
      await feed.stop();
    }
    const fed = await rows(readModels.db);
    expect(fed.audit).toHaveLength(2);
    for (const projection of allProjections()) await rebuildProjection(projection, sqlite, readModels.db);
    expect(await rows(readModels.db)).toEqual(fed);
  });

  it('lets a read model that is behind catch up on its own, then join the others', async () => {
    const accountId = randomUUID();
    const first = await register(sqlite, accountId);
    const ahead = defined(allProjections()[0]);
    await new ProjectionRunner(ahead, sqlite, readModels.db, quiet).applyBatch([first]);
    const runners = allProjections().map((p) => new ProjectionRunner(p, sqlite, readModels.db, quiet));
    await Promise.all(runners.map((r) => r.setUp()));
    await challenge(sqlite, accountId); // nobody has it yet: the one ahead is the group
    const feed = new ProjectionFeed(runners, sqlite, readModels.db, quiet, fastRetry);
    feed.start();
    try {
      const live = await challenge(sqlite, accountId);
      expect(await eventually(atPosition(runners, live), Boolean, SETTLE_MS)).toBe(true);
      expect(await noneAlone(feed)).toBe(0);
      const joined = await challenge(sqlite, accountId);
      expect(await eventually(atPosition(runners, joined), Boolean, SETTLE_MS)).toBe(true);
    } finally {
      await feed.stop();
    }
    expect((await rows(readModels.db)).audit).toHaveLength(4);
  });

  it('takes in the read models that joined while its subscription was being opened', async () => {
    const accountId = randomUUID();
    const first = await register(sqlite, accountId);
    const ahead = new ProjectionRunner(defined(allProjections()[0]), sqlite, readModels.db, quiet);
    await ahead.applyBatch([first]);
    const behind = allProjections()
      .slice(1)
      .map((p) => new ProjectionRunner(p, sqlite, readModels.db, quiet));
    const runners = [ahead, ...behind];
    await Promise.all(runners.map((r) => r.setUp()));
    // The feed reads the group's checkpoint before it subscribes: hold that read until every read
    // model behind has caught up on its own and joined, so that they join in between.
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const read = ahead.checkpoint.bind(ahead);
    let reads = 0;
    ahead.checkpoint = async () => {
      if (++reads > 1) await held; // the first read forms the group
      return read();
    };
    const feed = new ProjectionFeed(runners, sqlite, readModels.db, quiet, fastRetry);
    feed.start();
    try {
      await eventually(
        async () => reads,
        (n) => n > 1,
        SETTLE_MS,
      ); // the group is formed and its checkpoint read is held
      expect(await noneAlone(feed)).toBe(0);
      release();
      const live = await challenge(sqlite, accountId);
      expect(await eventually(atPosition(runners, live), Boolean, SETTLE_MS)).toBe(true);
    } finally {
      release();
      await feed.stop();
    }
  });

  it('runs the read models of a damaged stream on their own, stopped there, and takes them back once it reads again', async () => {
    const accountId = randomUUID();
    await register(sqlite, accountId);
    const victim = await register(sqlite);
    const original = JSON.stringify(victim.data);
    const setData = (data: string) => {
      const file = new Database(join(dir, 'events.db'));
      file.prepare('UPDATE events SET data = ? WHERE event_id = ?').run(data, victim.id);
      file.close();
    };
    setData(original.slice(0, -1)); // no longer JSON
    const runners = allProjections().map((p) => new ProjectionRunner(p, sqlite, readModels.db, quiet, fastRetry));
    await Promise.all(runners.map((r) => r.setUp()));
    const feed = new ProjectionFeed(runners, sqlite, readModels.db, quiet, fastRetry);
    feed.start();
    try {
      const damaged = await eventually(
        async () => runners.filter((r) => r.damage?.position === positionToString(victim.position)).length,
        (n) => n === runners.length,
        SETTLE_MS,
      );
      expect(damaged).toBe(runners.length); // every read model takes account streams
      setData(original);
      const live = await challenge(sqlite, accountId);
      expect(await eventually(atPosition(runners, live), Boolean, SETTLE_MS)).toBe(true);
      expect(await noneAlone(feed)).toBe(0);
      expect(runners.map((r) => r.damage)).toEqual(runners.map(() => null));
    } finally {
      await feed.stop();
    }
  });
});
