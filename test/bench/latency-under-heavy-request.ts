import { execFileSync, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { AppProcess } from '../support/app-process';

/** From dist/test/bench: the built API and CLI. */
const API_MAIN = resolve(__dirname, '../../apps/identity-api/src/main.js');
const CLI_MAIN = resolve(__dirname, '../../apps/identity-cli/src/main.js');
const PAGE =
  'edges { cursor node { eventId position accountId type occurredAt actor ip userAgent correlationId data } } pageInfo { hasNextPage endCursor }';
/**
 * The heaviest request the default limits allow: one audit page of 100 rows with every field
 * (cost 1610) and nine point-in-time states (9 × 21), 1799 of the 2000, with the ten root fields allowed.
 */
const heaviest = (accountId: string) =>
  `{ p0: auditTrail(first: 100) { ${PAGE} } ${Array.from(
    { length: 9 },
    (_, i) => `s${i}: securityStateAt(accountId: "${accountId}", at: "2100-01-01T00:00:00Z") { accountId }`,
  ).join(' ')} }`;

export interface LatencyUnderLoad {
  p50Ms: number;
  p99Ms: number;
  trivialRuns: number;
  heavyRuns: number;
  heavyMedianMs: number;
}

async function post(url: string, query: string, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

const percentile = (sorted: number[], p: number): number => {
  const value = sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  if (value === undefined) throw new Error(`no samples for the ${p}th percentile`);
  return value;
};

/**
 * p99 of a trivial query (`{ __typename }`) sent one after another while another client sends the
 * heaviest allowed request in a loop, against the built app on SQLite with 600 audit rows. Seeding
 * raises the logon limits: it makes rows, it measures nothing about limits.
 */
export async function latencyUnderHeavyRequest(seconds = 5): Promise<LatencyUnderLoad> {
  const app = await AppProcess.start({
    entry: API_MAIN,
    env: { RATE_LIMIT_LOGON_PER_ADDRESS: '1000000/60', RATE_LIMIT_ATTEMPTS_PER_ACCOUNT: '1000000/60' },
  });
  try {
    const key =
      execFileSync(process.execPath, [CLI_MAIN, 'api-key', 'create', '--role', 'auditor', '--name', 'bench'], { env: app.env })
        .toString('utf8')
        .trim()
        .split('\n')
        .at(-1) ?? '';
    const registered = (await post(
      app.graphqlUrl,
      'mutation { registerAccount(input: { loginName: "benchowner", password: "lantern orbit mulberry" }) { accountId } }',
    )) as { data: { registerAccount: { accountId: string } } };
    const HEAVIEST = heaviest(registered.data.registerAccount.accountId);
    for (let batch = 0; batch < 75; batch++) {
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          post(app.graphqlUrl, `mutation { login(input: { loginName: "nobody${batch}x${i}", password: "not a password" }) { status } }`),
        ),
      );
    }
    await new Promise((done) => setTimeout(done, 1000)); // the audit projection catches up
    const auditor = { 'x-api-key': key };
    const probe = (await post(app.graphqlUrl, HEAVIEST, auditor)) as { errors?: unknown; data?: { p0?: { edges: unknown[] } } };
    if (probe.errors || (probe.data?.p0?.edges.length ?? 0) < 100)
      throw new Error(`the heaviest request did not read full pages: ${JSON.stringify(probe).slice(0, 300)}`);
    const heavy: number[] = [];
    const trivial: number[] = [];
    const until = Date.now() + seconds * 1000;
    // The heavy client is a process of its own, so that parsing its large answers does not delay this one's clock.
    const heavyLoop = () =>
      new Promise<void>((done, fail) => {
        const script = `(async () => { const times = []; while (Date.now() < ${until}) { const s = performance.now();
        await (await fetch(${JSON.stringify(app.graphqlUrl)}, { method: 'POST', headers: ${JSON.stringify({ 'content-type': 'application/json', ...auditor })},
        body: ${JSON.stringify(JSON.stringify({ query: HEAVIEST }))} })).text(); times.push(performance.now() - s); }
        process.stdout.write(JSON.stringify(times)); })()`;
        const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        child.on('error', fail);
        child.on('close', () => {
          heavy.push(...(JSON.parse(output || '[]') as number[]));
          done();
        });
      });
    const trivialLoop = async () => {
      while (Date.now() < until) {
        const started = performance.now();
        await post(app.graphqlUrl, '{ __typename }');
        trivial.push(performance.now() - started);
      }
    };
    await Promise.all([heavyLoop(), trivialLoop()]);
    trivial.sort((a, b) => a - b);
    heavy.sort((a, b) => a - b);
    return {
      p50Ms: percentile(trivial, 50),
      p99Ms: percentile(trivial, 99),
      trivialRuns: trivial.length,
      heavyRuns: heavy.length,
      heavyMedianMs: percentile(heavy, 50),
    };
  } finally {
    await app.dispose();
  }
}
