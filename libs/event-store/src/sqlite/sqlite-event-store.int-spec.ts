import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';
import { CATEGORY_PAGE_QUERY, STREAM_QUERY, STREAM_TIP_QUERY } from './sqlite-event-statements';
import { EVENTS_DDL } from './sqlite-event-schema';
import { singlePosition } from '../position';

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

describe('SqliteEventStore stream tips', () => {
  it('reads the tip from the end of the (stream_id, revision) index, and a tip whose metadata is damaged claims no hash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'event-store-tip-'));
    const filePath = join(dir, 'events.db');
    const store = new SqliteEventStore({ filePath });
    const raw = new Database(filePath);
    try {
      const plan = raw.prepare(`EXPLAIN QUERY PLAN ${STREAM_TIP_QUERY}`).all('s') as { detail: string }[];
      expect(plan.map((step) => step.detail).join('; ')).toMatch(/^SEARCH events USING (COVERING )?INDEX \S+ \(stream_id=\?\)$/);
      const event = { id: 'e-1', type: 'N', data: {}, metadata: { hash: 'b'.repeat(64) } as never };
      await store.appendToStream('s-1', [event], 'no_stream');
      expect(await store.streamTip('s-1')).toEqual({ revision: 0n, hash: 'b'.repeat(64) });
      raw.prepare(`UPDATE events SET metadata = '{"hash": "${'b'.repeat(64)}"' WHERE event_id = 'e-1'`).run(); // cut short
      expect(await store.streamTip('s-1')).toEqual({ revision: 0n, hash: null });
    } finally {
      raw.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SqliteEventStore category reads', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'event-store-category-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a page of one category as a range of its index, not a scan of every event', async () => {
    const filePath = join(dir, 'events.db');
    const store = new SqliteEventStore({ filePath });
    const raw = new Database(filePath, { readonly: true });
    try {
      const plan = raw.prepare(`EXPLAIN QUERY PLAN ${CATEGORY_PAGE_QUERY}`).all('webhook-', 0, 10, 500) as { detail: string }[];
      expect(plan.map((step) => step.detail).join('; ')).toMatch(
        /^SEARCH events USING INDEX events_by_category \(<expr>=\? AND position>\? AND position<\?\)$/,
      );
    } finally {
      raw.close();
      await store.close();
    }
  });

  it('indexes a store written before the index on first open, and reads its categories in position order', async () => {
    const filePath = join(dir, 'events.db');
    const old = new Database(filePath);
    old.exec(EVENTS_DDL);
    const insert = old.prepare(
      "INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, 'T', '{}', '{}', '2025-01-01T00:00:00.000Z')",
    );
    ['account-1', 'webhook-a', 'account-2', 'webhook-b', 'webhookx-c'].forEach((streamId, i) => insert.run(streamId, 0, `e${i}`));
    old.close();
    const store = new SqliteEventStore({ filePath });
    try {
      const read = async (after?: bigint) => {
        const ids: string[] = [];
        for await (const event of store.readAll({
          streamPrefixes: ['webhook-'],
          after: after === undefined ? undefined : singlePosition(after),
        }))
          ids.push(event.streamId);
        return ids;
      };
      expect(await read()).toEqual(['webhook-a', 'webhook-b']);
      expect(await read(2n)).toEqual(['webhook-b']);
    } finally {
      await store.close();
    }
    const indexed = new Database(filePath, { readonly: true });
    expect(indexed.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'events_by_category'").all()).toHaveLength(1);
    indexed.close();
  });
});
