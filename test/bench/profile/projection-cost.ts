import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { accountStream } from '@identity/domain';
import type * as EventStoreLib from '@identity/event-store';
import type * as ReadModelsLib from '@identity/read-models';

/**
 * `node dist/test/bench/profile/projection-cost.js <checkout> [rate] [seconds]`: the read models'
 * cost in one process, without HTTP, for a build (its `dist/`): a SQLite store and read models in a
 * temporary folder, account events appended at `rate`/s (one append each) for `seconds`, once with
 * the build's projections running (its ProjectionFeed where it has one, else a runner each) and once
 * without. Prints the process CPU per append (user + system, the difference is the projections') and
 * the lag from an append's acknowledgement to every read model's progress past it (p50, p99). CPU
 * time is what a shared machine disturbs least; run two builds alternately to compare them. Rate 0:
 * appends one at a time, each after the read models applied the one before (an event's full cost, unbatched).
 */
const BUILD = resolve(process.argv[2] ?? '.');
const RATE = Number(process.argv[3] ?? 500);
const SECONDS = Number(process.argv[4] ?? 4);
const ACCOUNTS = 16;
/** Rate 0: this many appends one after the other, each once every read model has applied the one before (no batching). */
const SERIAL_APPENDS = 1000;
const registered = (accountId: string) => ({
  type: 'AccountRegistered',
  data: {
    accountId,
    loginName: `cost${accountId.slice(0, 8)}`,
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
    email: 'enc:v1:email.x',
    maskedEmail: 'c***@example.test',
    phone: null,
    maskedPhone: null,
    primaryAccountId: null,
    at: new Date().toISOString(),
  },
});
const failed = () => ({ type: 'PasswordCheckFailed', data: { consecutiveFailures: 1, at: new Date().toISOString() } });
const meta = { correlationId: 'c-1', causationId: null, actor: null, ip: null, userAgent: null };

type ReadModels = typeof ReadModelsLib & { ProjectionFeed?: unknown };
let es: typeof EventStoreLib;
let rm: ReadModels;

interface Projections {
  stop(): Promise<void>;
  runners: ReadModelsLib.ProjectionRunner[];
}

async function startProjections(store: EventStoreLib.EventStore, db: ReadModelsLib.ReadModelDb): Promise<Projections> {
  const quiet = { warn: () => undefined, error: (line: string) => console.error(line) };
  const runners = rm.allProjections().map((p) => new rm.ProjectionRunner(p, store, db, quiet));
  for (const runner of runners) await runner.setUp();
  const Feed = rm.ProjectionFeed as typeof ReadModelsLib.ProjectionFeed | undefined;
  if (Feed) {
    const feed = new Feed(runners, store, db, quiet);
    feed.start();
    return { runners, stop: () => feed.stop() };
  }
  runners.forEach((runner) => runner.start());
  return { runners, stop: async () => void (await Promise.all(runners.map((r) => r.stop()))) };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] ?? Number.NaN;
}

async function run(withProjections: boolean): Promise<{ cpuMsPerAppend: number; lags: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'projection-cost-'));
  const store = new es.SqliteEventStore({ filePath: join(dir, 'events.db') });
  const db = rm.openReadModelDatabase({ dataDir: dir } as Parameters<typeof rm.openReadModelDatabase>[0]);
  const append = (accountId: string, event: { type: string; data: unknown }) =>
    store.appendToStream(
      accountStream(accountId),
      [{ id: randomUUID(), type: event.type, data: event.data as EventStoreLib.JsonObject, metadata: meta }],
      'any',
    );
  const accounts = Array.from({ length: ACCOUNTS }, () => randomUUID());
  for (const accountId of accounts) await append(accountId, registered(accountId));
  const projections = withProjections ? await startProjections(store, db) : null;
  const lags: number[] = [];
  const waiting = new Map<string, { at: number; left: number }>();
  let drained: (() => void) | null = null;
  for (const runner of projections?.runners ?? []) {
    runner.onProgress((position) => {
      for (const [key, wait] of waiting) {
        if (BigInt(key) > position.commit) continue;
        wait.left -= 1;
        if (wait.left === 0) {
          lags.push(performance.now() - wait.at);
          waiting.delete(key);
          if (waiting.size === 0) drained?.();
        }
      }
    });
  }
  await new Promise((done) => setTimeout(done, 200));
  const before = process.cpuUsage();
  const total = RATE > 0 ? RATE * SECONDS : SERIAL_APPENDS;
  const start = performance.now();
  const appends: Promise<unknown>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = start + (i * 1000) / RATE;
    const now = performance.now();
    if (RATE > 0 && due > now) await new Promise((done) => setTimeout(done, due - now));
    const accountId = accounts[i % ACCOUNTS] as string;
    appends.push(
      append(accountId, failed()).then((result) => {
        if (projections) waiting.set(result.position.commit.toString(), { at: performance.now(), left: projections.runners.length });
      }),
    );
    if (RATE === 0) {
      await appends.at(-1);
      await new Promise<void>((done) => {
        const timer = setTimeout(done, 1000);
        drained = waiting.size === 0 ? null : () => (clearTimeout(timer), done());
        if (!drained) done();
      });
    }
  }
  await Promise.all(appends);
  const deadline = Date.now() + 10_000;
  while (waiting.size > 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 5));
  const used = process.cpuUsage(before);
  await projections?.stop();
  await store.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  return { cpuMsPerAppend: (used.user + used.system) / 1000 / total, lags };
}

async function main(): Promise<void> {
  es = (await import(join(BUILD, 'dist/libs/event-store/src/index.js'))) as typeof EventStoreLib;
  rm = (await import(join(BUILD, 'dist/libs/read-models/src/index.js'))) as ReadModels;
  const bare = await run(false);
  const fed = await run(true);
  const share = fed.cpuMsPerAppend - bare.cpuMsPerAppend;
  process.stdout.write(
    `${BUILD}: ${RATE}/s for ${SECONDS} s: CPU per append ${bare.cpuMsPerAppend.toFixed(3)} ms without projections, ` +
      `${fed.cpuMsPerAppend.toFixed(3)} ms with (projections ${share.toFixed(3)} ms); lag p50 ${percentile(fed.lags, 0.5).toFixed(1)} ms, ` +
      `p99 ${percentile(fed.lags, 0.99).toFixed(1)} ms (${fed.lags.length} appends)\n`,
  );
}

void main();
