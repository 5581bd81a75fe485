import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@identity/event-store';
import { generateChainedAccountEvents, GeneratedEvents } from '../../../test/bench/chained-account-events';
import { digestNow, newSigningKey, ReadModelFixture } from '../../../test/support/audit-fixture';
import { exportAuditEvents } from './export-audit-events';
import { verifyAuditTrail } from './verify-audit-trail';

/** Every secret the generator writes starts with one of these. */
const SECRET_MARKERS = /argon2id|enc:v1:|hmac-sha256:/;

// verify and export read a SQLite store file page by page; the heap they use over 100,000 events is
// measured by `npm run bench` (test/bench/audit-heap.ts). The tests only read the store built here.
describe('audit verify and export over a SQLite store of 2,000 events', () => {
  const key = newSigningKey();
  let dir: string;
  let store: SqliteEventStore;
  let generated: GeneratedEvents;
  let readModels: ReadModelFixture;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-sqlite-'));
    store = new SqliteEventStore({ filePath: join(dir, 'events.db') });
    generated = await generateChainedAccountEvents(store, { accounts: 40, eventsPerAccount: 50, appendSize: 25 });
    await digestNow(store, key);
    readModels = await ReadModelFixture.open();
    await readModels.build(store);
  });
  afterAll(async () => {
    await readModels?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies every chain, the digest and both read models, reporting progress as it goes', async () => {
    const reader = readModels.readOnly();
    const lines: string[] = [];
    const progress: string[] = [];
    try {
      const result = await verifyAuditTrail({
        store,
        publicKey: key.publicKey,
        readModels: reader,
        out: (l) => lines.push(l),
        progress: (l) => progress.push(l),
        progressEvery: 100,
      });
      expect(result.ok).toBe(true);
      expect(lines).toEqual([result.summary]);
      expect(result.summary).toMatch(/^audit verify: OK: 2001 events in 41 streams, 1 digest/);
      expect(result.summary).toContain('account_security_v3: 40 rows compared; audit_history_v1: 2000 rows compared');
      expect(progress).toEqual(Array.from({ length: 20 }, (_, i) => `audit verify: ${(i + 1) * 100} events read`));
    } finally {
      await reader.close();
    }
  });

  it('exports every event as a CloudEvent, and no secret in clear', async () => {
    const lines: string[] = [];
    const result = await exportAuditEvents(
      store,
      {},
      'urn:identity-service',
      (line) => {
        lines.push(line);
      },
      () => undefined,
      () => undefined,
    );
    expect(result).toEqual({ read: 2001, written: 2001, unreadable: 0 });
    const events = lines.map((line) => JSON.parse(line) as { specversion: string; id: string });
    expect(events.filter((event) => event.specversion === '1.0' && event.id)).toHaveLength(2001);
    expect(new Set(events.map((event) => event.id)).size).toBe(2001);
    const text = lines.join('\n');
    expect(text).not.toMatch(SECRET_MARKERS);
    expect(generated.secrets.length).toBeGreaterThan(10);
    for (const secret of generated.secrets) expect(text).not.toContain(secret);
  });
});
