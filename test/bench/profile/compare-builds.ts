import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BenchApp, startBenchApp } from '../harness/bench-app';
import { median } from '../harness/bench-row';
import { load } from '../harness/http-load';
import { seedPendingChallenges } from '../harness/pending-challenges';

/**
 * `node dist/test/bench/profile/compare-builds.js <other checkout> [seconds] [rounds] [only]`: this build
 * against another one (a checkout of main, built: its `dist/` is used), before and after a change in
 * one run. Both apps run at once; each round sends the HTTP rows' loads (the trivial query without
 * and with a session token, `me { security }` and `auditTrail(first: 50)` at 10 connections,
 * completeLogin at 32 on a store seeded for each, `login` with the right password at 2) to one app
 * then the other, in an order that alternates. Prints the median requests/s of each
 * and the median of the rounds' ratios (this / other), of requests/s and of the app's CPU time per request
 * (/proc: what a shared machine disturbs least), as Markdown, for docs/benchmarks.md.
 */
const OTHER = resolve(process.argv[2] ?? '', 'dist/apps/identity-api/src/main.js');
const SECONDS = Number(process.argv[3] ?? 3);
const ROUNDS = Number(process.argv[4] ?? 5);
/** Only the loads whose name contains this (all when empty). */
const ONLY = process.argv[5] ?? '';
const PER_ROUND = 1_000;
const ME = '{ me { loginName security { protectionEnabled scenes totpBound lockedUntil } } }';
const AUDIT =
  '{ auditTrail(first: 50) { edges { node { position type occurredAt ip userAgent data } } pageInfo { hasNextPage endCursor } } }';
const COMPLETE_LOGIN = 'mutation ($i: CompleteLoginInput!) { completeLogin(input: $i) { status session { token } } }';
const LOGIN = 'mutation ($i: LoginInput!) { login(input: $i) { status session { token expiresAt } } }';
const PASSWORD = 'lantern orbit mulberry';
/** The `login` row's load at its lowest concurrency: one account per connection, the right password. */
const LOGIN_CONNECTIONS = 2;

type Load = () => Promise<{ rps: number; p99Ms: number; requests: number }>;

/** CPU time (user + system) the process has used so far, in ms: robust to a shared machine where requests/s are not. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

async function side(entry: string, dir: string): Promise<{ app: BenchApp; loads: Record<string, Load> }> {
  mkdirSync(dir, { recursive: true });
  const seeded = await seedPendingChallenges(dir, ROUNDS * PER_ROUND);
  const app = await startBenchApp({ IDENTITY_MASTER_KEY: seeded.masterKey }, seeded.files, [], undefined, entry);
  await app.projectionsSettled();
  await app.register('comparereader', 'lantern orbit mulberry');
  const token = await app.logon('comparereader', 'lantern orbit mulberry');
  await app.failedLogons(56);
  const logonNames = Array.from({ length: LOGIN_CONNECTIONS }, (_, i) => `comparelogon${i}`);
  for (const name of logonNames) await app.register(name, PASSWORD);
  let nextName = 0;
  const login = (connection: Record<string, unknown>) => {
    connection.name ??= logonNames[nextName++ % logonNames.length];
    return JSON.stringify({ query: LOGIN, variables: { i: { loginName: connection.name, password: PASSWORD } } });
  };
  const auditor = { 'x-api-key': app.apiKey('auditor') };
  let next = 0;
  const completeLogin = () => {
    const challenge = seeded.challenges[next++];
    if (!challenge) throw new Error('out of seeded challenges');
    return JSON.stringify({ query: COMPLETE_LOGIN, variables: { i: { challengeId: challenge.challengeId, code: challenge.code() } } });
  };
  const url = app.graphqlUrl;
  return {
    app,
    loads: {
      trivial: () => load({ url, body: JSON.stringify({ query: '{ __typename }' }), connections: 10, seconds: SECONDS }),
      'trivial with a session token': () =>
        load({
          url,
          body: JSON.stringify({ query: '{ __typename }' }),
          headers: { authorization: `Bearer ${token}` },
          connections: 10,
          seconds: SECONDS,
        }),
      'me { security }': () =>
        load({
          url,
          body: JSON.stringify({ query: ME }),
          headers: { authorization: `Bearer ${token}` },
          connections: 10,
          seconds: SECONDS,
        }),
      'auditTrail(first: 50)': () =>
        load({ url, body: JSON.stringify({ query: AUDIT }), headers: auditor, connections: 10, seconds: SECONDS }),
      completeLogin: () => load({ url, body: completeLogin, connections: 32, seconds: 60, amount: PER_ROUND }),
      login: () => load({ url, body: login, connections: LOGIN_CONNECTIONS, seconds: SECONDS }),
    },
  };
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'identity-compare-'));
  const sides = [
    await side(resolve(__dirname, '../../../apps/identity-api/src/main.js'), join(root, 'this')),
    await side(OTHER, join(root, 'other')),
  ];
  try {
    const rows: string[] = [];
    for (const name of Object.keys(sides[0]?.loads ?? {}).filter((load) => load.includes(ONLY))) {
      const samples = sides.map(() => ({ rps: [] as number[], p99: [] as number[], cpu: [] as number[] }));
      for (let round = 0; round < ROUNDS; round += 1) {
        const order = round % 2 === 0 ? [0, 1] : [1, 0];
        for (const at of order) {
          const pid = sides[at]?.app.process.pid ?? 0;
          const before = cpuMs(pid);
          const result = await (sides[at]?.loads[name] as Load)();
          samples[at]?.cpu.push((cpuMs(pid) - before) / result.requests);
          samples[at]?.rps.push(result.rps);
          samples[at]?.p99.push(result.p99Ms);
        }
      }
      type Samples = { rps: number[]; p99: number[]; cpu: number[] };
      const [mine, other] = samples as [Samples, Samples];
      const spread = (ratios: number[]) =>
        `${median(ratios).toFixed(2)}× (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
      const rpsRatios = mine.rps.map((rps, round) => rps / (other.rps[round] ?? Number.NaN));
      const cpuRatios = mine.cpu.map((cpu, round) => cpu / (other.cpu[round] ?? Number.NaN));
      const cell = (s: Samples) => `${median(s.rps).toFixed(0)} req/s, ${median(s.cpu).toFixed(2)} ms CPU/req, p99 ${median(s.p99)} ms`;
      rows.push(`| ${name} | ${cell(mine)} | ${cell(other)} | ${spread(rpsRatios)} | ${spread(cpuRatios)} |`);
      console.error(rows.at(-1));
    }
    process.stdout.write(
      `| load | this build | other build | req/s ratio (spread) | CPU per request ratio (spread) |\n| --- | --- | --- | --- | --- |\n${rows.join('\n')}\n`,
    );
  } finally {
    await Promise.all(sides.map((s) => s.app.dispose()));
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
