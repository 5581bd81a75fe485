import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app-config';
import { createEventStore } from './create-event-store';

// Any load of the KurrentDB client fails this file: a service on SQLite must not pay for it at start.
jest.mock('@kurrent/kurrentdb-client', () => {
  throw new Error('the KurrentDB client was loaded');
});

describe('createEventStore', () => {
  it('opens the SQLite store without loading the KurrentDB client', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'create-event-store-'));
    try {
      const store = createEventStore(loadConfig({ DATA_DIR: dataDir, EVENT_STORE: 'sqlite' }));
      expect((await store.health()).up).toBe(true);
      await store.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
