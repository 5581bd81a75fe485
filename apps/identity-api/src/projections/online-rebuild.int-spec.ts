import { randomUUID } from 'node:crypto';
import { accountStream } from '@identity/domain';
import { EventStore, InMemoryEventStore, JsonObject, positionToString, ReadAllOptions, RecordedEvent } from '@identity/event-store';
import {
  AccountSecurityProjection,
  AccountSecurityRepository,
  AuditHistoryRepository,
  loadCheckpoint,
  ProjectionRunner,
  ReadModelDb,
  rebuildProjection,
  RebuildSupersededError,
  REBUILD_TABLE,
  AuditHistoryProjection,
  tableExists,
  Projection,
} from '@identity/read-models';
import { defined, registered } from '@identity/testing';
import { READ_MODEL_ADAPTERS, useReadModelDb } from '../../../../test/support/read-model-adapters';

const meta = { correlationId: 'c-1', causationId: null, actor: null, ip: null, userAgent: null };
const quiet = { warn: () => undefined, error: () => undefined };

/** The store, except that `readAll` stops after `after` events of the first pass until `resume()` (or fails there, with `fail`). */
function pausingStore(store: EventStore, after: number, fail = false) {
  let release!: () => void;
  let reached!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const paused = new Promise<void>((resolve) => (reached = resolve));
  let passes = 0;
  const readAll = async function* (options?: ReadAllOptions): AsyncGenerator<RecordedEvent> {
    const first = passes++ === 0;
    let n = 0;
    for await (const event of store.readAll(options)) {
      if (first && n++ === after) {
        reached();
        if (fail) throw new Error('the event store went away');
        await gate;
      }
      yield event;
    }
  };
  const wrapped = new Proxy(store, {
    get: (target, prop) => (prop === 'readAll' ? readAll : (Reflect.get(target, prop) as unknown)),
  });
  return { store: wrapped, paused, resume: () => release() };
}

// Issue 13: `projections rebuild` builds new tables while the old ones serve, then swaps them in.
describe.each(READ_MODEL_ADAPTERS)('an online rebuild in %s', (dialect) => {
  const readModels = useReadModelDb(dialect);
  let store: InMemoryEventStore;
  let db: ReadModelDb;
  const register = async (accountId = randomUUID(), loginName = `user-${accountId.slice(0, 8)}`) => {
    const event = registered({ accountId, loginName });
    await store.appendToStream(
      accountStream(accountId),
      [{ id: randomUUID(), type: event.type, data: event.data as unknown as JsonObject, metadata: meta }],
      'no_stream',
    );
    return defined((await store.readStream(accountStream(accountId)))[0]);
  };
  const liveRunner = async (projection: Projection = new AccountSecurityProjection()) => {
    const runner = new ProjectionRunner(projection, store, db, quiet);
    await runner.setUp();
    return runner;
  };

  beforeEach(() => {
    store = new InMemoryEventStore();
    db = readModels.db;
  });

  it('serves the old rows, and lets the live runner go on, until it swaps the new ones in', async () => {
    const runner = await liveRunner();
    for (let i = 0; i < 6; i++) await runner.applyOne(await register());
    const before = await new AccountSecurityRepository(db).all();
    const paused = pausingStore(store, 3);
    const other = readModels.openAnother();
    const rebuilt = rebuildProjection(new AccountSecurityProjection(), paused.store, other, undefined, { batchSize: 2 });
    await paused.paused;
    expect(await new AccountSecurityRepository(db).all()).toEqual(before);
    const late = await register(randomUUID(), 'late-comer');
    expect(await runner.applyOne(late)).toBe(true);
    expect(await new AccountSecurityRepository(db).all()).toHaveLength(7);
    paused.resume();
    expect(await rebuilt).toBe(7);
    const after = await new AccountSecurityRepository(db).all();
    expect(after).toHaveLength(7);
    expect(after.map((v) => v.loginName)).toContain('late-comer');
    expect(positionToString(defined(await loadCheckpoint(db, 'account_security.v3')))).toBe(positionToString(late.position));
    expect(await db.query(`SELECT * FROM ${REBUILD_TABLE}`)).toEqual([]);
  });

  it('leaves the old rows serving when it fails half-way, and starts again cleanly', async () => {
    const runner = await liveRunner();
    for (let i = 0; i < 5; i++) await runner.applyOne(await register());
    const before = await new AccountSecurityRepository(db).all();
    const failing = pausingStore(store, 3, true);
    await expect(rebuildProjection(new AccountSecurityProjection(), failing.store, db, undefined, { batchSize: 2 })).rejects.toThrow(
      'the event store went away',
    );
    expect(await new AccountSecurityRepository(db).all()).toEqual(before);
    expect(await tableExists(db, 'account_security_v3__rebuild')).toBe(false);
    expect(await rebuildProjection(new AccountSecurityProjection(), store, db, undefined, { batchSize: 2 })).toBe(5);
    expect(await new AccountSecurityRepository(db).all()).toEqual(before);
  });

  it('gives audit rows the same numbers, and indexes their live names, rebuild after rebuild', async () => {
    const runner = await liveRunner(new AuditHistoryProjection());
    for (let i = 0; i < 5; i++) await runner.applyOne(await register());
    const live = await new AuditHistoryRepository(db).list(null);
    for (let round = 0; round < 2; round++) {
      expect(await rebuildProjection(new AuditHistoryProjection(), store, db, undefined, { batchSize: 2 })).toBe(5);
      expect(await new AuditHistoryRepository(db).list(null)).toEqual(live);
    }
    expect(await indexNames(db, 'audit_history_v1')).toEqual(expect.arrayContaining(['audit_history_v1_account', 'audit_history_v1_seq']));
    expect((await indexNames(db, 'audit_history_v1')).filter((name) => name.includes('rebuild'))).toEqual([]);
  });

  it('builds audit rows before their indexes, and leaves a redelivered event adding nothing after the swap', async () => {
    const runner = await liveRunner(new AuditHistoryProjection());
    const events: RecordedEvent[] = [];
    for (let i = 0; i < 5; i++) events.push(await register());
    for (const event of events) await runner.applyOne(event);
    const live = await new AuditHistoryRepository(db).list(null);
    expect(await rebuildProjection(new AuditHistoryProjection(), store, db, undefined, { batchSize: 2 })).toBe(5);
    expect(await indexNames(db, 'audit_history_v1')).toEqual(expect.arrayContaining(['audit_history_v1_event']));
    await db.transaction((tx) => new AuditHistoryProjection().applyBatch(tx, [defined(events[0]), defined(events[4])]));
    expect(await new AuditHistoryRepository(db).list(null)).toEqual(live);
  });

  it('stops a rebuild that another one started after, and the later one completes', async () => {
    const runner = await liveRunner();
    for (let i = 0; i < 6; i++) await runner.applyOne(await register());
    const before = await new AccountSecurityRepository(db).all();
    const paused = pausingStore(store, 3);
    const first = rebuildProjection(new AccountSecurityProjection(), paused.store, readModels.openAnother(), undefined, {
      batchSize: 2,
    });
    await paused.paused;
    expect(await rebuildProjection(new AccountSecurityProjection(), store, db, undefined, { batchSize: 2 })).toBe(6);
    paused.resume();
    await expect(first).rejects.toThrow(RebuildSupersededError);
    expect(await new AccountSecurityRepository(db).all()).toEqual(before);
  });
});

async function indexNames(db: ReadModelDb, table: string): Promise<string[]> {
  const rows =
    db.dialect === 'postgres'
      ? await db.query<{ name: string }>('SELECT indexname AS name FROM pg_indexes WHERE tablename = ?', [table])
      : await db.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", [table]);
  return rows.map((row) => row.name);
}
