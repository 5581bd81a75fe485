import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteReadModelFile } from '../db/read-model-database';
import { SqliteReadModelDb } from '../db/sqlite-read-model-db';
import { withRebuildSettings } from './rebuild-settings';

describe('withRebuildSettings', () => {
  let dir: string;
  let db: SqliteReadModelDb;
  const settings = () => ({
    cache: db.handle.pragma('cache_size', { simple: true }),
    checkpoint: db.handle.pragma('wal_autocheckpoint', { simple: true }),
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rebuild-settings-'));
    db = new SqliteReadModelDb(openSqliteReadModelFile(dir));
  });
  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the rebuild a large page cache and rarer checkpoints, then puts the connection back as it was', async () => {
    const before = settings();
    const during = await withRebuildSettings(db, async () => settings());
    expect(during.cache).toBeLessThan(-100_000);
    expect(during.checkpoint).toBeGreaterThan(before.checkpoint as number);
    expect(settings()).toEqual(before);
  });

  it('puts the settings back when the rebuild fails', async () => {
    const before = settings();
    await expect(withRebuildSettings(db, async () => Promise.reject(new Error('failed')))).rejects.toThrow('failed');
    expect(settings()).toEqual(before);
    expect(db.handle.pragma('synchronous', { simple: true })).toBe(1);
  });
});
