import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '@identity/event-store';
import { generateChainedAccountEvents } from '../chained-account-events';
import { BenchApp, startBenchApp } from '../harness/bench-app';
import { BenchRow, median, RowGroup, rowFromRounds } from '../harness/bench-row';
import { load } from '../harness/http-load';

/** From dist/test/bench/rows: the built CLI. */
const CLI_MAIN = resolve(__dirname, '../../../apps/identity-cli/src/main.js');
const ME = JSON.stringify({ query: '{ me { accountId security { protectionEnabled totpBound lockedUntil updatedAt } } }' });
const GOAL_MS = 100;

/** `projections rebuild` as an operator runs it, against the app's own configuration; resolves with its exit code. */
function rebuild(app: BenchApp, log: (line: string) => void): Promise<number | null> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI_MAIN, 'projections', 'rebuild'], {
      env: app.process.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').trim().split('\n')) if (/caught up|failed/.test(line)) log(`  ${line}`);
    });
    child.on('error', fail);
    child.on('close', done);
  });
}

/**
 * Issue 13: `me { security }` p99 (one connection) in windows of a few seconds while `projections
 * rebuild` rebuilds every read model of a large store, against windows on the same idle server
 * right before and after. The figure is the worst window's p99.
 */
export const rebuildOnline: RowGroup = {
  name: 'me p99 during projections rebuild',
  async run({ quick, log }): Promise<BenchRow[]> {
    const events = quick ? 30_000 : 300_000;
    const seconds = quick ? 2 : 3;
    const app = await startBenchApp();
    try {
      await app.register('benchrebuild', 'lantern orbit mulberry');
      const token = await app.logon('benchrebuild', 'lantern orbit mulberry');
      const p99 = async () =>
        (await load({ url: app.graphqlUrl, body: ME, headers: { authorization: `Bearer ${token}` }, connections: 1, seconds })).p99Ms;
      await app.process.stop();
      const store = new SqliteEventStore({ filePath: join(app.process.dataDir, 'events.db') });
      await generateChainedAccountEvents(store, { accounts: events / 100, eventsPerAccount: 100 });
      await store.close();
      log(`  ${events} events seeded; projecting them (app stopped)…`);
      if ((await rebuild(app, () => undefined)) !== 0) throw new Error('the first projections rebuild failed');
      await app.process.restart();
      const baselines = [await p99(), await p99()];
      const started = Date.now();
      let running = true;
      const rebuilt = rebuild(app, log).finally(() => (running = false));
      const figures: number[] = [];
      while (running) figures.push(await p99());
      const code = await rebuilt;
      if (code !== 0) throw new Error(`projections rebuild ended with ${code}`);
      log(`  rebuild of ${events} events took ${((Date.now() - started) / 1000).toFixed(0)} s; windows' p99 (ms): ${figures.join(', ')}`);
      baselines.push(await p99(), await p99());
      const row = rowFromRounds({
        name: `me { security } p99 (worst ${seconds}-s window) during projections rebuild of ${quick ? '30k events (--quick)' : '300k events'} vs idle server`,
        unit: 'ms',
        figures,
        baselines: figures.map(() => median(baselines)),
        goal: null,
      });
      const worst = Math.max(...figures);
      return [{ ...row, value: worst, ratio: worst / row.baseline, goal: `< ${GOAL_MS} ms p99`, met: worst < GOAL_MS }];
    } finally {
      await app.dispose();
    }
  },
};
