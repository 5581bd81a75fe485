import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@identity/event-store';

const meta = { correlationId: 'bench', causationId: null, actor: null, ip: null, userAgent: null };

export interface GroupCommitFigures {
  /** Appends per second through the store, 16 in flight, grouped. */
  grouped16: number;
  /** The same with one transaction per append (maxGroupSize 1). */
  ungrouped16: number;
  /** Appends per second through the store, 1 in flight. */
  store1: number;
  /** Raw better-sqlite3: insert with a revision check, synchronous=FULL, one transaction each. */
  raw1: number;
  rounds: { grouped: number; raw: number }[];
  /** Every round's figures, in round order. */
  samples: { grouped16: number[]; ungrouped16: number[]; store1: number[]; raw1: number[] };
}

/** Appends per second through a store with `inFlight` concurrent appends, each to its own stream. */
async function storeRate(file: string, appends: number, inFlight: number, maxGroupSize?: number): Promise<number> {
  const store = new SqliteEventStore({ filePath: file, maxGroupSize });
  const start = process.hrtime.bigint();
  const revisions = new Array<bigint | 'no_stream'>(inFlight).fill('no_stream');
  for (let done = 0; done < appends; done += inFlight) {
    await Promise.all(
      revisions.map(async (expected, lane) => {
        const result = await store.appendToStream(
          `bench-${lane}`,
          [{ id: randomUUID(), type: 'Bench', data: { done }, metadata: meta }],
          expected,
        );
        revisions[lane] = result.nextRevision;
      }),
    );
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await store.close();
  return appends / seconds;
}

/** The floor: better-sqlite3 itself, one append per transaction with FULL, into the store's own table and indexes. */
async function rawRate(file: string, appends: number): Promise<number> {
  await new SqliteEventStore({ filePath: file }).close(); // the same schema as the store's
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const last = db.prepare('SELECT max(revision) AS r FROM events WHERE stream_id = ?');
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const append = db.transaction((stream: string, expected: bigint | null) => {
    const current = (last.safeIntegers(true).get(stream) as { r: bigint | null }).r;
    if (current !== expected) throw new Error('conflict');
    insert.run(
      stream,
      (current ?? -1n) + 1n,
      randomUUID(),
      'Bench',
      JSON.stringify({ done: 0 }),
      JSON.stringify(meta),
      new Date().toISOString(),
    );
  });
  const start = process.hrtime.bigint();
  let expected: bigint | null = null;
  for (let i = 0n; i < BigInt(appends); i += 1n) {
    append.immediate('bench-0', expected);
    expected = i;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  db.close();
  return appends / seconds;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Five interleaved rounds of each figure on fresh files; medians. */
export async function groupCommitFigures(appends: number, rounds = 5): Promise<GroupCommitFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'identity-bench-group-'));
  const samples = { grouped16: [] as number[], ungrouped16: [] as number[], store1: [] as number[], raw1: [] as number[] };
  try {
    for (let round = 0; round < rounds; round += 1) {
      const file = (name: string) => join(dir, `${name}-${round}.db`);
      samples.raw1.push(await rawRate(file('raw'), appends));
      samples.store1.push(await storeRate(file('store1'), appends, 1));
      samples.grouped16.push(await storeRate(file('grouped'), appends, 16));
      samples.ungrouped16.push(await storeRate(file('ungrouped'), appends, 16, 1));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    grouped16: median(samples.grouped16),
    ungrouped16: median(samples.ungrouped16),
    store1: median(samples.store1),
    raw1: median(samples.raw1),
    samples,
    rounds: samples.grouped16.map((grouped, i) => ({
      grouped: grouped / (samples.ungrouped16[i] ?? 1),
      raw: (samples.store1[i] ?? 0) / (samples.raw1[i] ?? 1),
    })),
  };
}
