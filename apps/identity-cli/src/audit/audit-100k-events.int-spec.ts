import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SqliteEventStore } from '@identity/event-store';
import { ReadModelDb } from '../../../identity-api/src/read-model-db/read-model-db.port';
import { generateChainedAccountEvents, GeneratedEvents } from '../../../../test/bench/chained-account-events';
import { digestNow, newSigningKey, ReadModelFixture } from '../../../../test/support/audit-fixture';
import { exportAuditEvents } from './export-audit-events';
import { verifyAuditTrail } from './verify-audit-trail';

jest.setTimeout(180_000);

const MB = 1024 * 1024;
/** Every secret the generator writes starts with one of these. */
const SECRET_MARKERS = /argon2id|enc:v1:|hmac-sha256:/;

/**
 * V8's collector, exposed at run time: the heap is measured after a full collection, so what is
 * compared is what the code keeps alive, not garbage that a busy machine has not collected yet.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
function liveHeap(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** The largest live heap seen by `sample()` calls, above the live heap when it was created. */
class HeapWatch {
  private readonly base = liveHeap();
  private peak = this.base;
  sample = (): void => {
    this.peak = Math.max(this.peak, liveHeap());
  };
  growthMb(): number {
    return (this.peak - this.base) / MB;
  }
}

// Issue 4, acceptance 5: verify and export stream the store. These 100,000 events, parsed and held in
// an array, take about 96 MB of heap (measured); verify and export grow the live heap by a few MB. A bound of
// half the held size fails any implementation that keeps the events, passes one that streams them.
const HEAP_BOUND_MB = 48;
describe('audit verify and export over 100,000 events in SQLite', () => {
  const key = newSigningKey();
  let dir: string;
  let store: SqliteEventStore;
  let generated: GeneratedEvents;
  let readModels: ReadModelFixture;
  let reader: ReadModelDb;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-100k-'));
    store = new SqliteEventStore({ filePath: join(dir, 'events.db') });
    generated = await generateChainedAccountEvents(store, { accounts: 2000, eventsPerAccount: 50, appendSize: 25 });
    await digestNow(store, key);
    readModels = await ReadModelFixture.open();
    await readModels.build(store);
    reader = readModels.readOnly();
  });
  afterAll(async () => {
    await reader?.close();
    await readModels?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('verifies every chain, the digest and both read models with a bounded heap', async () => {
    expect(generated.events).toBe(100_000);
    const heap = new HeapWatch();
    const lines: string[] = [];
    const progress: string[] = [];
    const result = await verifyAuditTrail({
      store, publicKey: key.publicKey, readModels: reader, out: (l) => lines.push(l),
      progress: (l) => { progress.push(l); heap.sample(); }, progressEvery: 1000,
    });
    heap.sample();
    expect(lines).toEqual([result.summary]);
    expect(result.summary).toMatch(/^audit verify: OK: 100001 events in 2001 streams, 1 digest/);
    expect(result.summary).toContain('account_security_v1: 2000 rows compared; audit_history_v1: 100000 rows compared');
    expect(progress).toHaveLength(100);
    expect(heap.growthMb()).toBeLessThan(HEAP_BOUND_MB);
  });

  it('exports every event as CloudEvents with a bounded heap, and no secret in clear', async () => {
    const heap = new HeapWatch();
    let count = 0;
    let bytes = 0;
    let leaked = 0;
    const result = await exportAuditEvents(store, {}, 'urn:identity-service', (line) => {
      const event = JSON.parse(line) as { specversion: string; id: string };
      if (event.specversion !== '1.0' || !event.id) throw new Error(`not a CloudEvent: ${line.slice(0, 80)}`);
      if (SECRET_MARKERS.test(line) || generated.secrets.some((secret) => line.includes(secret))) leaked += 1;
      count += 1;
      bytes += line.length;
    }, heap.sample, () => undefined, 1000);
    heap.sample();
    expect(result).toEqual({ read: 100_001, written: 100_001, unreadable: 0 });
    expect(count).toBe(100_001);
    expect(leaked).toBe(0);
    expect(bytes).toBeGreaterThan(100 * MB / 2);
    expect(heap.growthMb()).toBeLessThan(HEAP_BOUND_MB);
  });
});
