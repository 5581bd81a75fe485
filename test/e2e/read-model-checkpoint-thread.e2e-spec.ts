import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { openSqliteReadModelFile } from '@identity/read-models';
import { WalCheckpointThread } from '../../libs/read-models/src/db/wal-checkpoint-thread';
import { REPO_ROOT } from '../support/app-process';

// The worker script exists only in the build (Jest runs the TypeScript sources): `npm run build` first.
const script = join(REPO_ROOT, 'dist/libs/read-models/src/db/wal-checkpoint-worker.js');
const HOUR_MS = 3_600_000;

/** Issue 12: the API's read-model COMMITs never run a WAL checkpoint on the event loop; a thread does. */
describe('WalCheckpointThread', () => {
  let dir: string;
  let db: Database.Database;
  let thread: WalCheckpointThread | null;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'checkpoint-thread-'));
    db = openSqliteReadModelFile(dir);
    db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, data TEXT NOT NULL)');
  });

  afterEach(async () => {
    await thread?.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const writeBatches = (count: number) => {
    const insert = db.prepare('INSERT INTO rows (data) VALUES (?)');
    for (let batch = 0; batch < count; batch += 1) db.transaction(() => insert.run('x'.repeat(4000)))();
  };

  it('turns the connection’s own checkpoints off and checkpoints its WAL on the thread', async () => {
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    thread = WalCheckpointThread.start(db, HOUR_MS, script);
    expect(thread).not.toBeNull();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    writeBatches(1200); // past 1,000 pages: the connection would have checkpointed in a COMMIT
    const result = await thread?.checkpointNow();
    expect(result?.log).toBeGreaterThan(1000);
    expect(result).toMatchObject({ busy: 0, checkpointed: result?.log });
  });

  it('gives the connection its checkpoints back if the thread stops', async () => {
    thread = WalCheckpointThread.start(db, HOUR_MS, script);
    const worker = (thread as unknown as { worker: Worker }).worker;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    await worker.terminate();
    await exited;
    expect(thread?.alive).toBe(false);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await expect(thread?.checkpointNow()).rejects.toThrow('stopped');
  });

  it('is not started without the built worker script (the sources under Jest)', () => {
    thread = WalCheckpointThread.start(db, HOUR_MS, join(dir, 'missing.js'));
    expect(thread).toBeNull();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});
