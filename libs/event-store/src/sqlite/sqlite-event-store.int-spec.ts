import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';
import { STREAM_QUERY } from './sqlite-event-statements';

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

describe('SqliteEventStore stream reads', () => {
  it('finds a stream from a revision through the (stream_id, revision) index, without a scan', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'event-store-plan-'));
    const filePath = join(dir, 'events.db');
    const store = new SqliteEventStore({ filePath });
    const raw = new Database(filePath, { readonly: true });
    try {
      const plan = raw.prepare(`EXPLAIN QUERY PLAN ${STREAM_QUERY}`).all('s', 5) as { detail: string }[];
      expect(plan.map((step) => step.detail).join('; ')).toMatch(
        /^SEARCH events USING (COVERING )?INDEX \S+ \(stream_id=\? AND revision>\?\)$/,
      );
    } finally {
      raw.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
