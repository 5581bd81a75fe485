import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { EventStoreUnavailableError, SqliteEventStore, SqliteEventStoreOptions, WrongExpectedRevisionError } from '@identity/event-store';
import { describeEventStoreContract } from '../../libs/event-store/src/testing/event-store.contract';
import { REPO_ROOT } from '../support/app-process';

// The worker script exists only in the build (Jest runs the TypeScript sources): `npm run build` first.
const writerScript = join(REPO_ROOT, 'dist/libs/event-store/src/sqlite/sqlite-writer-worker.js');
const threaded = (options: SqliteEventStoreOptions) => new SqliteEventStore({ ...options, writerThread: true, writerScript });

describeEventStoreContract('sqlite, writing on its writer thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'writer-thread-contract-'));
  const store = threaded({ filePath: join(dir, 'events.db'), pollIntervalMs: 3_600_000 });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

const meta = { correlationId: 'writer', causationId: null, actor: null, ip: null, userAgent: null };
let counter = 0;
const event = (type = 'Written') => ({
  id: `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`,
  type,
  data: {},
  metadata: meta,
});

/** Issue 12: the store's writes on a worker thread keep group commit and its answers, and free the event loop. */
describe('SqliteEventStore with a writer thread', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'writer-thread-'));
    file = join(dir, 'events.db');
    store = threaded({ filePath: file, pollIntervalMs: 3_600_000, busyTimeoutMs: 2_000 });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps serving the event loop while an append waits for the write lock', async () => {
    const blocker = new Database(file);
    blocker.exec('BEGIN IMMEDIATE'); // only a timer on this thread can release it
    const append = store.appendToStream('waits-1', [event()], 'no_stream');
    // On the event loop, the append would wait out the busy timeout synchronously and fail BUSY.
    await new Promise((resolve) => setTimeout(resolve, 50));
    blocker.exec('ROLLBACK');
    blocker.close();
    await expect(append).resolves.toMatchObject({ nextRevision: 0n });
    expect((await store.readStream('waits-1')).map((e) => e.type)).toEqual(['Written']);
  });

  it('fails only the conflicting append of a group, with the store error classes', async () => {
    const outcomes = await Promise.allSettled([
      store.appendToStream('contested', [event('First')], 'no_stream'),
      store.appendToStream('contested', [event('Second')], 'no_stream'),
      store.appendToStream('other', [event('Other')], 'no_stream'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const refused = (outcomes[1] as PromiseRejectedResult).reason as WrongExpectedRevisionError;
    expect(refused).toBeInstanceOf(WrongExpectedRevisionError);
    expect(refused.actual).toBe(0n);
    expect((await store.readStream('contested')).map((e) => e.type)).toEqual(['First']);
  });

  it('answers UNAVAILABLE when another writer holds the lock past the busy timeout, and writes the next group', async () => {
    const quick = threaded({ filePath: file, busyTimeoutMs: 50 });
    const blocker = new Database(file);
    try {
      blocker.exec('BEGIN IMMEDIATE');
      await expect(quick.appendToStream('busy', [event()], 'no_stream')).rejects.toBeInstanceOf(EventStoreUnavailableError);
      blocker.exec('ROLLBACK');
      await expect(quick.appendToStream('busy', [event()], 'no_stream')).resolves.toMatchObject({ nextRevision: 0n });
    } finally {
      blocker.close();
      await quick.close();
    }
  });

  it('answers an append in flight when the writer thread dies, then writes on the event loop', async () => {
    const worker = (store as unknown as { writer: { worker: Worker } }).writer.worker;
    const inFlight = store.appendToStream('before', [event()], 'no_stream');
    await worker.terminate();
    // Committed before the thread went, or refused as UNAVAILABLE: answered either way, never left hanging.
    const [answer] = await Promise.allSettled([inFlight]);
    expect(answer?.status === 'fulfilled' || answer?.reason instanceof EventStoreUnavailableError).toBe(true);
    await expect(store.appendToStream('after', [event('After')], 'no_stream')).resolves.toMatchObject({ nextRevision: 0n });
    expect((await store.readStream('after')).map((e) => e.type)).toEqual(['After']);
  });

  it('wakes a subscription once the append is acknowledged, and writes accepted appends before closing', async () => {
    const subscription = store.subscribeToAll()[Symbol.asyncIterator]();
    const next = subscription.next();
    await store.appendToStream('seen', [event('Seen')], 'no_stream');
    expect((await next).value).toMatchObject({ streamId: 'seen', type: 'Seen' });
    const last = store.appendToStream('seen', [event('Last')], 0n);
    await store.close();
    await expect(last).resolves.toMatchObject({ nextRevision: 1n });
    const reopened = new SqliteEventStore({ filePath: file });
    try {
      expect((await reopened.readStream('seen')).map((e) => e.type)).toEqual(['Seen', 'Last']);
    } finally {
      await reopened.close();
    }
  });
});
