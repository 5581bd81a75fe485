import { readFileSync } from 'node:fs';
import { AppProcess } from '../support/app-process';
import { DeliveryReceivers } from '../support/delivery-receivers';
import { Api, login, me, registerAccount } from '../support/flow';
import { newAccountDetails } from '../support/protected-account';
import { SCALE } from './durability-scale';

/** Resident set size of a process in MiB, from /proc (Linux). */
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m);
  if (!line?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(line[1]) / 1024;
}

/** Least-squares slope of samples taken every `everyMs`, in units per minute. */
function slopePerMinute(values: number[], everyMs: number): number {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return (num / den) * (60_000 / everyMs);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** The person's whole day, over and over: register, log on, read their state. */
async function steadyLoad(api: Api, until: number): Promise<number> {
  let rounds = 0;
  while (Date.now() < until) {
    const details = newAccountDetails();
    await registerAccount(api, details);
    const { session } = await login(api, { loginName: details.loginName, password: details.password });
    await me(api, session?.token ?? '');
    rounds += 1;
  }
  return rounds;
}

// Issue 13: "RSS floor 162 → 189 MB over a 5-minute soak, latency flat: find out whether it levels
// off". Under steady load the server's memory must level off: the second half of the run (after a
// warm-up) may not keep growing past the first by more than a small slack.
describe('soak under steady load', () => {
  let receivers: DeliveryReceivers;
  let app: AppProcess;

  beforeAll(async () => {
    receivers = await DeliveryReceivers.start();
    app = await AppProcess.start({
      ...receivers.appOptions,
      env: { RATE_LIMIT_REGISTRATION_PER_ADDRESS: '1000000/60', RATE_LIMIT_LOGON_PER_ADDRESS: '1000000/60' },
    });
  });
  afterAll(async () => {
    await app?.dispose();
    await receivers?.close();
  });

  it(
    `keeps the server's memory level over ${SCALE.soakSeconds} s`,
    async () => {
      const pid = app.pid;
      if (pid === null) throw new Error('the app is not running');
      const samples: number[] = [];
      const sampler = setInterval(() => samples.push(rssMiB(pid)), SCALE.sampleEveryMs);
      const until = Date.now() + SCALE.soakSeconds * 1000;
      const api = { graphqlUrl: app.graphqlUrl };
      const rounds = (await Promise.all([steadyLoad(api, until), steadyLoad(api, until)])).reduce((a, b) => a + b, 0);
      clearInterval(sampler);
      const settled = samples.slice(Math.floor(samples.length * 0.3));
      const half = Math.floor(settled.length / 2);
      const [first, second] = [median(settled.slice(0, half)), median(settled.slice(half))];
      const lateSlope = slopePerMinute(settled.slice(half), SCALE.sampleEveryMs);
      process.stderr.write(
        `soak: ${rounds} rounds in ${SCALE.soakSeconds} s; RSS ${samples[0]?.toFixed(0)} MiB at start, median ${first.toFixed(0)} then ${second.toFixed(0)} MiB, peak ${Math.max(...samples).toFixed(0)} MiB, last-half slope ${lateSlope.toFixed(1)} MiB/min\n`,
      );
      expect(rounds).toBeGreaterThan(0);
      expect(second - first).toBeLessThan(Math.max(SCALE.leakSlack.mib, first * SCALE.leakSlack.share));
      expect(lateSlope).toBeLessThan(SCALE.maxLateSlopeMiBPerMinute);
    },
    (SCALE.soakSeconds + 60) * 1000,
  );
});
