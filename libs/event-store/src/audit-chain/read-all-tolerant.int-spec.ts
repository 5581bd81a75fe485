import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { UnreadableEventError } from '../reading/unreadable-event.error';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { collect, newEvent } from '../testing/contract-helpers';
import { readAllTolerant } from './read-all-tolerant';
import { defined } from '@identity/testing';

describe('readAllTolerant on a damaged SQLite file', () => {
  let dir: string;
  let store: SqliteEventStore;
  const ids: string[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'read-all-tolerant-'));
    store = new SqliteEventStore({ filePath: join(dir, 'events.db'), pageSize: 3 });
    ids.length = 0;
    for (let i = 0; i < 10; i += 1) {
      const event = newEvent('N', { i });
      ids.push(event.id);
      await store.appendToStream(`s-${i % 2}`, [event], 'any');
    }
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const damage = (column: 'data' | 'metadata', ...indexes: number[]) => {
    const db = new Database(join(dir, 'events.db'));
    for (const i of indexes) db.prepare(`UPDATE events SET ${column} = substr(${column}, 2) WHERE event_id = ?`).run(ids[i]);
    db.close();
  };

  it('reads everything when nothing is damaged', async () => {
    const unreadable: UnreadableEventError[] = [];
    expect((await collect(readAllTolerant(store, (e) => unreadable.push(e)))).map((e) => e.id)).toEqual(ids);
    expect(unreadable).toEqual([]);
  });

  it.each([[[4]], [[0]], [[9]], [[4, 5]], [[2, 3, 7]]])('skips only the damaged events %j and names them', async (damaged) => {
    damage('data', ...damaged.slice(0, 1));
    damage('metadata', ...damaged.slice(1));
    const unreadable: UnreadableEventError[] = [];
    const read = await collect(readAllTolerant(store, (e) => unreadable.push(e)));
    expect(read.map((e) => e.id)).toEqual(ids.filter((_, i) => !damaged.includes(i)));
    expect(unreadable.map((e) => e.eventId)).toEqual(damaged.map((i) => ids[i]));
    const firstDamaged = defined(damaged[0], 'a damaged index');
    expect(unreadable[0]).toMatchObject({ streamId: `s-${firstDamaged % 2}`, revision: BigInt(Math.floor(firstDamaged / 2)) });
    expect(unreadable[0]?.message).toMatch(/data is not JSON/);
  });

  it('lets a plain read fail with the damaged event named', async () => {
    damage('data', 4);
    await expect(collect(store.readAll())).rejects.toThrow(new RegExp(`event ${ids[4]} \\(s-0@2, position 5\\) is unreadable`));
  });
});
