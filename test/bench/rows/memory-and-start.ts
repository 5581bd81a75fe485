import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@identity/config';
import { SqliteEventStore } from '@identity/event-store';
import { rebuildProjections } from '../../../apps/identity-cli/src/commands/projections-rebuild.command';
import { BenchApp, startBenchApp } from '../harness/bench-app';
import { BenchRow, interleave, RowGroup, rowFromRounds } from '../harness/bench-row';
import { SEEDED_PASSWORD, SEEDED_SESSION_SECONDS, SeededAccounts, seedRegisteredAccounts } from '../harness/registered-accounts';

const MB = 1_000_000;
const RSS_GOAL_MB = 100;
const START_GOAL_MS = 3000;
/** Registration and 8 logons: the account's 9 events and its login name's 2 claims, 11 an account. */
const LOGONS_PER_ACCOUNT = 8;
const ME = '{ me { accountId security { protectionEnabled totpBound lockedUntil updatedAt } } }';

/**
 * Resident memory as the OS counts it (/proc/<pid>/status), in MB: `VmHWM` is the process's peak since
 * it started, `VmRSS` what it holds now.
 */
function memoryMb(app: BenchApp, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${app.process.pid}/status`, 'utf8');
  const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
  if (!kb?.[1]) throw new Error(`no ${field} in /proc/<pid>/status`);
  return (Number(kb[1]) * 1024) / MB;
}

/** CPU time the app has used so far (user + system, /proc/<pid>/stat), in ms: a start's cost apart from the machine's load. */
function cpuMs(app: BenchApp): number {
  const fields = readFileSync(`/proc/${app.process.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

/** Runs `task` over `items`, `concurrency` at a time. */
async function each<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await task(items[next++] as T);
    }),
  );
}

interface Workload {
  /** Password logons, by login name. */
  logons: string[];
  /** `me { security }` requests, one per session token. */
  tokens: string[];
}

/** A real service's day in small: password logons and session-checked reads of many accounts. */
async function serve(app: BenchApp, work: Workload): Promise<void> {
  await each(work.logons, 4, (loginName) => app.logon(loginName, SEEDED_PASSWORD));
  await each(work.tokens, 8, (token) => app.post(ME, {}, { authorization: `Bearer ${token}` }));
}

/**
 * The store a real service holds after `accounts` registrations and 8 logons each: seeded (see
 * registered-accounts.ts), then its read models and checkpoints built by `projections rebuild`.
 */
async function seedStore(dir: string, accounts: number, log: (line: string) => void): Promise<{ seeded: SeededAccounts; files: string[] }> {
  const seedDir = join(dir, 'seed');
  mkdirSync(seedDir);
  let started = Date.now();
  const seeded = await seedRegisteredAccounts(seedDir, { accounts, logonsPerAccount: LOGONS_PER_ACCOUNT });
  log(
    `  seeded ${accounts.toLocaleString('en')} accounts, ${seeded.events.toLocaleString('en')} events in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  started = Date.now();
  const config = loadConfig({ DATA_DIR: seedDir, EVENT_STORE: 'sqlite', IDENTITY_MASTER_KEY: seeded.masterKey });
  const store = new SqliteEventStore({ filePath: join(seedDir, 'events.db') });
  try {
    await rebuildProjections(config, store, () => undefined, { write: () => true });
  } finally {
    await store.close();
  }
  log(`  read models and checkpoints built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { seeded, files: readdirSync(seedDir).map((file) => join(seedDir, file)) };
}

/**
 * Issue 12, item 6. RSS: the built app's peak resident memory while it serves logons and
 * `me { security }` of many seeded accounts (100,000 in the store; reads spread over more accounts
 * than any of its caches holds) against the same app on an empty store serving the same number of
 * requests of the same kinds on one account; each round a fresh process. Start-up: spawn to the first GET /health 200 with
 * 1,000,000 stored events whose read models are caught up (their checkpoints stored), against an
 * empty store. --quick: 3,000 accounts (33,000 events), the same code path.
 */
export const memoryAndStart: RowGroup = {
  name: 'memory and start-up (RSS with 100k accounts, start with 1M events)',
  async run({ quick, dir, log }): Promise<BenchRow[]> {
    const accounts = quick ? 3_000 : 100_000;
    const { seeded, files } = await seedStore(dir, accounts, log);
    const env = { IDENTITY_MASTER_KEY: seeded.masterKey, SESSION_TTL_SECONDS: String(SEEDED_SESSION_SECONDS) };
    const full = await startBenchApp(env, files, [], 10);
    const empty = await startBenchApp(env, [], [], 10);
    try {
      const cpu = { full: [] as number[], empty: [] as number[] };
      const startOf = async (app: BenchApp, cpuOf: number[]) => {
        await app.process.restart();
        cpuOf.push(cpuMs(app));
        return app.process.lastStartMs ?? NaN;
      };
      const startRounds = await interleave(
        quick ? 3 : 5,
        () => startOf(full, cpu.full),
        () => startOf(empty, cpu.empty),
      );
      const ms = (values: number[]) => values.map(Math.round).join(', ');
      log(`  start-up (ms), ${seeded.events} events: ${ms(startRounds.figures)}; empty: ${ms(startRounds.baselines)}`);
      log(`  CPU used by then (ms), ${seeded.events} events: ${ms(cpu.full)}; empty: ${ms(cpu.empty)}`);

      await empty.register('benchempty', SEEDED_PASSWORD);
      const reads = quick ? 1_000 : 15_000;
      const logons = quick ? 20 : 200;
      const step = Math.floor(accounts / reads);
      const fullWork = (): Workload => ({
        logons: Array.from({ length: logons }, (_, i) => seeded.loginNames[(i * 7919) % accounts] as string),
        tokens: Array.from({ length: reads }, (_, i) => {
          const session = seeded.sessions[i * step] as { accountId: string; sessionId: string };
          return seeded.tokens.issue({ ...session, now: new Date() }).token;
        }),
      });
      const emptyWork = async (): Promise<Workload> => {
        const token = await empty.logon('benchempty', SEEDED_PASSWORD);
        return { logons: Array<string>(logons).fill('benchempty'), tokens: Array<string>(reads).fill(token) };
      };
      // The peak over the workload, not the RSS at its end: V8 lets its heap grow to about four times
      // the live heap before a full collection, so the RSS at one moment says mostly how long ago V8
      // last collected (docs/benchmarks.md). The peak is what a deployment must have room for.
      const atEnd = { full: [] as number[], empty: [] as number[] };
      const peakAfter = async (app: BenchApp, work: () => Workload | Promise<Workload>, ends: number[]) => {
        await app.process.restart();
        await serve(app, await work());
        ends.push(memoryMb(app, 'VmRSS'));
        return memoryMb(app, 'VmHWM');
      };
      const rssRounds = await interleave(
        quick ? 2 : 3,
        () => peakAfter(full, fullWork, atEnd.full),
        () => peakAfter(empty, emptyWork, atEnd.empty),
      );
      const mb = (values: number[]) => values.map(Math.round).join(', ');
      log(`  peak RSS (MB): ${mb(rssRounds.figures)}; empty: ${mb(rssRounds.baselines)}`);
      log(`  RSS at the end (MB): ${mb(atEnd.full)}; empty: ${mb(atEnd.empty)}`);

      const size = quick ? `${accounts.toLocaleString('en')} accounts (quick; full: 100,000)` : '100,000 accounts';
      const rss = rowFromRounds({
        name: `server peak RSS, ${size}, over ${logons} logons and ${reads.toLocaleString('en')} me { security } of distinct accounts, vs a store of one account over the same requests on it`,
        unit: 'MB',
        ...rssRounds,
        goal: null,
      });
      const start = rowFromRounds({
        name: `start to first /health 200, ${seeded.events.toLocaleString('en')} events, read models caught up${quick ? ' (quick; full: 1,100,000)' : ''}, vs empty store`,
        unit: 'ms',
        ...startRounds,
        goal: null,
      });
      return [
        { ...rss, goal: `≤ +${RSS_GOAL_MB} MB`, met: rss.value - rss.baseline <= RSS_GOAL_MB },
        { ...start, goal: `< ${START_GOAL_MS} ms`, met: start.value < START_GOAL_MS },
      ];
    } finally {
      await Promise.all([full.dispose(), empty.dispose()]);
    }
  },
};
