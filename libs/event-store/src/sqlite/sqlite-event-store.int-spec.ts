import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

// The poll is set far beyond the test timeout: live delivery here must come from the in-process
// wake-up after a local append. Polling (other processes) is covered in the shared-file spec.
describeEventStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'event-store-contract-'));
  const store = new SqliteEventStore({ filePath: join(dir, 'events.db'), pollIntervalMs: 3_600_000 });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
