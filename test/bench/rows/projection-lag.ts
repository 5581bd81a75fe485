import { readFileSync } from 'node:fs';
import { startBenchApp } from '../harness/bench-app';
import { BenchRow, median, RowGroup, rowFromRounds } from '../harness/bench-row';
import { load } from '../harness/http-load';
import { ProjectionWatch } from '../harness/projection-watch';

const PASSWORD = 'lantern orbit mulberry';
const ACCOUNTS = 16;
const TOGGLE = 'mutation ($i: SetSecurityPreferenceInput!) { setSecurityPreference(input: $i) { ramUserMfaRequired } }';
const CLOCK_TICKS_PER_S = 100;

/** User plus system CPU of a process (all its threads) so far, in ms, from /proc. */
function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
}

function p99(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] ?? Number.NaN;
}

/**
 * Issue 12: projection lag, append → row visible, while mutations arrive at a fixed rate (500/s,
 * and 100/s as the baseline), and what the projections cost a request. The mutation is
 * `setSecurityPreference` toggling `ramUserMfaRequired` (one audited account event each, taken by
 * every account read model), 16 connections on 16 accounts, sent at a fixed overall rate by
 * autocannon. The lag is watched from outside the app (harness/projection-watch.ts). The cost: the
 * app process's CPU per mutation (all threads, /proc) with the projections running, against the same
 * load while this process holds the read models' write lock (the projections wait, as for any other
 * process's lock, and catch up afterwards, outside the measured window); the difference is theirs.
 */
export const projectionLag: RowGroup = {
  name: 'projection lag at 500 mutations/s and the projections share of request CPU',
  async run({ quick, log }): Promise<BenchRow[]> {
    const app = await startBenchApp();
    let watch: ProjectionWatch | null = null;
    try {
      const tokens: string[] = [];
      for (let i = 0; i < ACCOUNTS; i += 1) {
        await app.register(`benchlag${i}`, PASSWORD);
        tokens.push(await app.logon(`benchlag${i}`, PASSWORD));
      }
      watch = new ProjectionWatch(app.process.dataDir);
      const pid = app.process.pid;
      if (pid === null) throw new Error('the app is not running');
      const seconds = quick ? 3 : 5;
      const rounds = quick ? 4 : 6;
      // autocannon clears a connection's context after each request: one counter numbers them all, and
      // the n-th goes to account n mod 16 with the opposite value of that account's previous one.
      let sent = 0;
      const send = async (rate: number) => {
        const before = processCpuMs(pid);
        const result = await load({
          url: app.graphqlUrl,
          connections: ACCOUNTS,
          seconds,
          overallRate: rate,
          headers: (request) => {
            request.n = sent++;
            return { authorization: `Bearer ${tokens[(request.n as number) % ACCOUNTS]}` };
          },
          body: (request) => {
            const on = Math.floor((request.n as number) / ACCOUNTS) % 2 === 0;
            return JSON.stringify({ query: TOGGLE, variables: { i: { ramUserMfaRequired: on } } });
          },
        });
        return { cpuMsPerRequest: (processCpuMs(pid) - before) / result.requests, rps: result.rps };
      };
      const running = { cpu: [] as number[], rps: [] as number[], lag500: [] as number[], lag100: [] as number[] };
      const held: number[] = [];
      // Warm-up, not measured: the optimised code a long-running service has (shorter, and the first rounds cost more).
      for (let i = 0; i < 2; i += 1) await send(500);
      await watch.settled();
      for (let round = 0; round < rounds; round += 1) {
        const phases = [
          async () => {
            watch?.measure(`500:${round}`);
            const sent = await send(500);
            running.cpu.push(sent.cpuMsPerRequest);
            running.rps.push(sent.rps);
          },
          async () => {
            watch?.measure(null);
            const release = watch?.holdReadModels();
            try {
              held.push((await send(500)).cpuMsPerRequest);
            } finally {
              release?.();
            }
          },
          async () => {
            watch?.measure(`100:${round}`);
            await send(100);
          },
        ];
        for (const phase of round % 2 === 0 ? phases : [...phases].reverse()) {
          await phase();
          watch.measure(null);
          await watch.settled();
        }
        running.lag500.push(p99(watch.lagsOf(`500:${round}`)));
        running.lag100.push(p99(watch.lagsOf(`100:${round}`)));
      }
      const all500 = Array.from({ length: rounds }, (_, r) => watch?.lagsOf(`500:${r}`) ?? []).flat();
      log(
        `  ${all500.length} events at ${median(running.rps).toFixed(0)} mutations/s (offered 500/s); lag p50 ${median(all500)} ms, ` +
          `p99 per round ${running.lag500.join(', ')} ms (at 100/s: ${running.lag100.join(', ')} ms); ` +
          `CPU per mutation ${running.cpu.map((c) => c.toFixed(2)).join(', ')} ms running, ${held.map((c) => c.toFixed(2)).join(', ')} ms held`,
      );
      return [
        rowFromRounds({
          name: `projection lag p99, append -> row visible, at 500 mutations/s offered (${median(running.rps).toFixed(0)}/s sent), vs at 100/s`,
          unit: 'ms',
          figures: running.lag500,
          baselines: running.lag100,
          goal: { text: '< 10 ms p99', met: (_ratio, value) => value < 10 },
        }),
        rowFromRounds({
          name: "projections' CPU per mutation at 500/s (running minus held) vs the mutation's CPU",
          unit: 'ms',
          figures: running.cpu.map((cpu, i) => cpu - (held[i] ?? Number.NaN)),
          baselines: running.cpu,
          goal: { text: '< 5% of a request', met: (ratio) => ratio < 0.05 },
        }),
      ];
    } finally {
      watch?.close();
      await app.dispose();
    }
  },
};
