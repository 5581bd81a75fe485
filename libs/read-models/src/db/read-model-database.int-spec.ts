import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReadModelDatabase } from './read-model-database';

// Any load of pg fails this file: read models on SQLite must not pay for the PostgreSQL client at start.
jest.mock('pg', () => {
  throw new Error('pg was loaded');
});

describe('openReadModelDatabase', () => {
  it('opens the SQLite read models without loading pg', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'read-model-database-'));
    try {
      const db = openReadModelDatabase({ dataDir, readModelUrl: null });
      expect(db.dialect).toBe('sqlite');
      expect((await db.health()).up).toBe(true);
      await db.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
