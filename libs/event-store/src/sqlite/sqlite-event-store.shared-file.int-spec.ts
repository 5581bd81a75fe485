import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import { collect, eventsUntil, ids, newEvent, uniquePrefix } from '../testing/contract-helpers';
import { SqliteEventStore, SqliteEventStoreOptions } from './sqlite-event-store';
import { defined } from '@identity/testing';

describe('SqliteEventStore on a file', () => {
  let dir: string;
  let filePath: string;
  const opened: SqliteEventStore[] = [];
  const open = (options: Partial<SqliteEventStoreOptions> = {}): SqliteEventStore => {
    const store = new SqliteEventStore({ filePath, ...options });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'event-store-sqlite-'));
    filePath = join(dir, 'nested', 'events.db');
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the events after closing and reopening the file, in WAL mode', async () => {
    const streamId = `${uniquePrefix()}1`;
    const events = [newEvent('A', { deep: { x: [1, 'ü'] } }), newEvent('B')];
    const first = open();
    const appended = await first.appendToStream(streamId, events, 'no_stream');
    await first.close();

    const reopened = open();
    const read = await reopened.readStream(streamId);
    expect(ids(read)).toEqual(ids(events));
    expect(read[0]?.data).toStrictEqual(defined(events[0]).data);
    expect(read[1]?.position).toEqual(appended.position);
    await expect(reopened.appendToStream(streamId, [newEvent()], 0n)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect((await reopened.appendToStream(streamId, [newEvent()], 1n)).nextRevision).toBe(2n);
    expect((await reopened.health()).detail).toContain('journal_mode=wal');
    const raw = new Database(filePath, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it("delivers another instance's appends to a live subscription (by polling)", async () => {
    const prefix = uniquePrefix();
    const subscriber = open({ pollIntervalMs: 20 });
    const writer = open();
    await writer.appendToStream(`${prefix}1`, [newEvent('Before')], 'no_stream');
    const subscription = subscriber.subscribeToAll({ streamPrefixes: [prefix] });
    const iterator = subscription[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.type).toBe('Before');
    const pending = iterator.next();
    const live = newEvent('FromOtherProcess');
    await writer.appendToStream(`${prefix}1`, [live], 0n);
    expect((await pending).value?.id).toBe(live.id);
    await subscription.close();
  });

  it('checks the expected revision against what another instance wrote', async () => {
    const streamId = `${uniquePrefix()}1`;
    const a = open();
    const b = open();
    expect(await a.readStream(streamId)).toEqual([]);
    await b.appendToStream(streamId, [newEvent('ByB')], 'no_stream');
    const error = await a.appendToStream(streamId, [newEvent('ByA')], 'no_stream').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'WRONG_EXPECTED_REVISION', actual: 0n });
    expect((await a.readStream(streamId)).map((e) => e.type)).toEqual(['ByB']);
  });

  it('reads and subscribes across pages, skipping long runs of filtered-out events', async () => {
    const prefix = uniquePrefix();
    const store = open({ pageSize: 2 });
    const kept = [];
    for (let i = 0; i < 4; i += 1) {
      await store.appendToStream(`${prefix}other`, [newEvent(), newEvent(), newEvent(), newEvent(), newEvent()], 'any');
      const event = newEvent('Kept', { i });
      await store.appendToStream(`${prefix}kept`, [event], 'any');
      kept.push(event);
    }
    expect(ids(await collect(store.readAll({ streamPrefixes: [`${prefix}kept`] })))).toEqual(ids(kept));
    expect(await collect(store.readAll())).toHaveLength(24);
    expect(ids(await collect(store.readAll({ maxCount: 5, streamPrefixes: [`${prefix}kept`] })))).toEqual(ids(kept));
    const subscription = store.subscribeToAll({ streamPrefixes: [`${prefix}kept`] });
    expect(ids(await eventsUntil(subscription, defined(kept[3]).id))).toEqual(ids(kept));
    await subscription.close();
  });

  it('keeps positions exact beyond 2^53', async () => {
    const store = open();
    const writer = new Database(filePath);
    writer
      .prepare(
        `INSERT INTO events (position, stream_id, revision, event_id, type, data, metadata, recorded_at)
       VALUES (9007199254740993, 'seed-1', 0, 'seed', 'Seed', '{}', '{}', '2020-01-01T00:00:00.000Z')`,
      )
      .run();
    writer.close();
    const result = await store.appendToStream(`${uniquePrefix()}1`, [newEvent()], 'no_stream');
    expect(result.position).toEqual({ commit: 9007199254740994n, prepare: 9007199254740994n });
    const [after] = await collect(store.readAll({ after: { commit: 9007199254740993n, prepare: 9007199254740993n } }));
    expect(after?.position.commit).toBe(9007199254740994n);
  });

  it('ends open subscriptions silently when closed, then refuses calls', async () => {
    const store = open();
    const pending = store.subscribeToAll()[Symbol.asyncIterator]().next();
    await store.close();
    expect((await pending).done).toBe(true);
    await expect(store.appendToStream('x-1', [newEvent()], 'any')).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect(await store.health()).toEqual({ name: 'sqlite', up: false, detail: 'closed' });
  });
});
