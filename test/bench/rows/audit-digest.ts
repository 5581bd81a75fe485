import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '@identity/event-store';
import { generateChainedAccountEvents } from '../chained-account-events';
import { BenchRow, interleave, median, RowGroup, rowFromRounds } from '../harness/bench-row';
import { runCli } from '../harness/cli-run';

const EVENTS_PER_ACCOUNT = 4;
/** Issue 12: at most +100 MB of RSS over the empty store's, and a digest that does not grow with the streams. */
const RSS_GROWTH_GOAL_MB = 100;
const SIZE_GOAL_RATIO = 1.05;
const MB = 1e6;

/** The data of the last digest in a store, as stored (JSON bytes). */
async function lastDigestBytes(eventsFile: string): Promise<number> {
  const store = new SqliteEventStore({ filePath: eventsFile });
  try {
    let bytes = Number.NaN;
    for await (const event of store.readAll({ streamPrefixes: ['auditdigest-'] })) bytes = Buffer.byteLength(JSON.stringify(event.data));
    return bytes;
  } finally {
    await store.close();
  }
}

/**
 * Issue 12, items 5 and 6: the peak RSS of `audit digest` (the built CLI, its own process, as the
 * operator runs it) over a store of 100,000 accounts (quick: 10,000), beside the same command on an
 * empty store, in interleaved rounds; and the size of the digest event each wrote.
 */
export const auditDigest: RowGroup = {
  name: 'audit digest RSS and size vs the empty store',
  async run({ quick, dir, log }): Promise<BenchRow[]> {
    const accounts = quick ? 10_000 : 100_000;
    const [fullDir, emptyDir] = [join(dir, 'full'), join(dir, 'empty')];
    for (const d of [fullDir, emptyDir]) mkdirSync(d);
    const seeded = Date.now();
    const store = new SqliteEventStore({ filePath: join(fullDir, 'events.db') });
    try {
      await generateChainedAccountEvents(store, { accounts, eventsPerAccount: EVENTS_PER_ACCOUNT, appendSize: 2 });
    } finally {
      await store.close();
    }
    log(`seeded ${accounts * EVENTS_PER_ACCOUNT} events in ${accounts} streams in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
    const env = (dataDir: string): NodeJS.ProcessEnv => {
      const vars: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, EVENT_STORE: 'sqlite' };
      delete vars.AUDIT_SIGNING_KEY;
      return vars;
    };
    const sizes = { full: [] as number[], empty: [] as number[] };
    const digest = (dataDir: string, sizesOf: number[]) => async () => {
      const run = await runCli(['audit', 'digest'], env(dataDir));
      if (run.exitCode !== 0) throw new Error(`audit digest exited ${run.exitCode}`);
      sizesOf.push(await lastDigestBytes(join(dataDir, 'events.db')));
      log(`  ${run.lastLine} (${run.seconds.toFixed(1)} s, ${run.peakRssMb.toFixed(0)} MiB)`);
      return (run.peakRssMb * 2 ** 20) / MB;
    };
    const rss = await interleave(quick ? 2 : 3, digest(fullDir, sizes.full), digest(emptyDir, sizes.empty));
    const growth = median(rss.figures.map((figure, i) => figure - (rss.baselines[i] ?? Number.NaN)));
    const count = accounts.toLocaleString('en');
    const rssRow = rowFromRounds({
      name: `audit digest peak RSS, ${count} accounts (+${growth.toFixed(0)} MB) vs the empty store`,
      unit: 'MB',
      ...rss,
      goal: { text: `≤ +${RSS_GROWTH_GOAL_MB} MB`, met: () => growth <= RSS_GROWTH_GOAL_MB },
    });
    const sizeRow = rowFromRounds({
      name: `audit digest event size, ${count} accounts vs the empty store`,
      unit: 'bytes',
      figures: sizes.full,
      baselines: sizes.empty,
      goal: { text: `≤ ${SIZE_GOAL_RATIO}×`, met: (ratio) => ratio <= SIZE_GOAL_RATIO },
    });
    return [rssRow, sizeRow];
  },
};
