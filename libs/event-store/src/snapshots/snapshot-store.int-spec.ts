import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CachedSnapshotStore } from './cached-snapshot-store';
import { InMemorySnapshotStore } from './in-memory-snapshot-store';
import { Snapshot, SnapshotStore } from './snapshot-store.port';
import { SqliteSnapshotStore } from './sqlite-snapshot-store';

const snapshot = (revision: bigint, state: unknown = { n: Number(revision) }): Snapshot => ({ state, revision, eventHash: 'a'.repeat(64) });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'snapshots-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const adapters: [string, () => SnapshotStore][] = [
  ['in-memory', () => new InMemorySnapshotStore()],
  ['SQLite', () => new SqliteSnapshotStore({ filePath: join(dir, 'snapshots.db') })],
  [
    'LRU over SQLite',
    () => new CachedSnapshotStore(new SqliteSnapshotStore({ filePath: join(dir, 'snapshots.db') }), { capacity: 2, persistEvery: 1 }),
  ],
];

describe.each(adapters)('SnapshotStore contract: %s', (_name, create) => {
  let store: SnapshotStore;
  beforeEach(() => {
    store = create();
  });
  afterEach(() => store.close());

  it('answers null for a stream without a snapshot', async () => {
    expect(await store.load('s-1', 'v1')).toBeNull();
  });

  it('round-trips state, revision and event hash, replacing the previous snapshot', async () => {
    await store.save('s-1', 'v1', snapshot(5n, { list: [1, 'two', null], nested: { ok: true } }));
    await store.save('s-1', 'v1', snapshot(9_007_199_254_740_993n, { list: [], nested: { ok: false } }));
    expect(await store.load('s-1', 'v1')).toEqual(snapshot(9_007_199_254_740_993n, { list: [], nested: { ok: false } }));
  });

  it('keeps versions and streams apart', async () => {
    await store.save('s-1', 'v1', snapshot(1n));
    await store.save('s-1', 'v2', snapshot(2n));
    await store.save('s-2', 'v1', snapshot(3n));
    expect((await store.load('s-1', 'v1'))?.revision).toBe(1n);
    expect((await store.load('s-1', 'v2'))?.revision).toBe(2n);
    expect((await store.load('s-2', 'v1'))?.revision).toBe(3n);
    expect(await store.load('s-2', 'v2')).toBeNull();
  });

  it('hands out copies: changing a loaded state changes no later load', async () => {
    await store.save('s-1', 'v1', snapshot(1n, { items: [1] }));
    const first = await store.load('s-1', 'v1');
    (first?.state as { items: number[] }).items.push(2);
    expect((await store.load('s-1', 'v1'))?.state).toEqual({ items: [1] });
  });
});

describe('SqliteSnapshotStore', () => {
  const file = () => join(dir, 'snapshots.db');

  it('keeps snapshots across reopening the file', async () => {
    const first = new SqliteSnapshotStore({ filePath: file() });
    await first.save('s-1', 'v1', snapshot(7n));
    await first.close();
    const second = new SqliteSnapshotStore({ filePath: file() });
    expect(await second.load('s-1', 'v1')).toEqual(snapshot(7n));
    await second.close();
  });

  it.each([
    ['a state that is not JSON', "state = '{broken'"],
    ['a state changed behind its checksum', `state = '{"n":8}'`],
    ['a revision changed behind its checksum', 'revision = 8'],
  ])('ignores and reports %s', async (_case, damage) => {
    const problems: string[] = [];
    const store = new SqliteSnapshotStore({ filePath: file(), onError: (message) => problems.push(message) });
    await store.save('s-1', 'v1', snapshot(7n));
    const raw = new Database(file());
    raw.exec(`UPDATE snapshots SET ${damage}`);
    raw.close();
    expect(await store.load('s-1', 'v1')).toBeNull();
    expect(problems).toHaveLength(1);
    await store.close();
  });

  it('moves a file that is not a database aside and starts afresh', async () => {
    writeFileSync(file(), 'this is not a SQLite database, just some bytes '.repeat(100));
    const problems: string[] = [];
    const store = new SqliteSnapshotStore({ filePath: file(), onError: (message) => problems.push(message) });
    expect(await store.load('s-1', 'v1')).toBeNull();
    await store.save('s-1', 'v1', snapshot(1n));
    expect((await store.load('s-1', 'v1'))?.revision).toBe(1n);
    expect(readdirSync(dir).some((name) => name.startsWith('snapshots.db.unreadable-'))).toBe(true);
    expect(problems).toHaveLength(1);
    await store.close();
  });

  it('reports and gives up a state that JSON cannot hold, without throwing', async () => {
    const problems: string[] = [];
    const store = new SqliteSnapshotStore({ filePath: file(), onError: (message) => problems.push(message) });
    await store.save('s-1', 'v1', snapshot(1n, { big: 1n }));
    expect(await store.load('s-1', 'v1')).toBeNull();
    expect(problems).toHaveLength(1);
    await store.close();
  });
});

describe('CachedSnapshotStore', () => {
  it('evicts the least recently used beyond its capacity and then reads the inner store', async () => {
    const inner = new InMemorySnapshotStore();
    const cached = new CachedSnapshotStore(inner, { capacity: 2 });
    await cached.save('a', 'v', snapshot(1n));
    await cached.save('b', 'v', snapshot(2n));
    await cached.load('a', 'v');
    await cached.save('c', 'v', snapshot(3n));
    await inner.save('a', 'v', snapshot(10n));
    await inner.save('b', 'v', snapshot(20n));
    expect((await cached.load('a', 'v'))?.revision).toBe(1n);
    expect((await cached.load('b', 'v'))?.revision).toBe(20n);
    await cached.close();
  });

  it('passes a save on to the inner store only every persistEvery revisions, and when going back', async () => {
    const inner = new InMemorySnapshotStore();
    const cached = new CachedSnapshotStore(inner, { persistEvery: 50 });
    const innerRevision = async () => (await inner.load('a', 'v'))?.revision ?? null;
    await cached.save('a', 'v', snapshot(10n));
    expect(await innerRevision()).toBeNull();
    await cached.save('a', 'v', snapshot(49n));
    expect(await innerRevision()).toBe(49n);
    await cached.save('a', 'v', snapshot(98n));
    expect(await innerRevision()).toBe(49n);
    expect((await cached.load('a', 'v'))?.revision).toBe(98n);
    await cached.save('a', 'v', snapshot(99n));
    expect(await innerRevision()).toBe(99n);
    await cached.save('a', 'v', snapshot(20n));
    expect(await innerRevision()).toBe(20n);
    await cached.close();
  });
});
