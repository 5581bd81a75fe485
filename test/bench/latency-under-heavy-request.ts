import { spawn } from 'node:child_process';
import { BenchApp } from './harness/bench-app';
import { load } from './harness/http-load';

const PAGE =
  'edges { cursor node { eventId position accountId type occurredAt actor ip userAgent correlationId data } } pageInfo { hasNextPage endCursor }';
/**
 * The heaviest request the default limits allow: one audit page of 100 rows with every field
 * (cost 1610) and nine point-in-time states (9 × 21), 1799 of the 2000, with the ten root fields allowed.
 */
export const heaviestRequest = (accountId: string): string =>
  `{ p0: auditTrail(first: 100) { ${PAGE} } ${Array.from(
    { length: 9 },
    (_, i) => `s${i}: securityStateAt(accountId: "${accountId}", at: "2100-01-01T00:00:00Z") { accountId }`,
  ).join(' ')} }`;

/** Audit rows for full pages: failed logons of unknown names (each one row), then the auditor's key and the heaviest request. */
export async function seedHeavyRequest(app: BenchApp, rows: number): Promise<{ query: string; headers: Record<string, string> }> {
  const accountId = await app.register('benchowner', 'lantern orbit mulberry');
  await app.failedLogons(rows);
  const headers = { 'x-api-key': app.apiKey('auditor') };
  const query = heaviestRequest(accountId);
  const probe = await app.post<{ p0: { edges: unknown[] } }>(query, {}, headers);
  if (probe.p0.edges.length < 100) throw new Error(`the heaviest request read ${probe.p0.edges.length} rows, not a full page`);
  return { query, headers };
}

/**
 * p99 of a trivial query (`{ __typename }`, one connection, autocannon) for `seconds`, while another
 * process sends `heavy` in a loop (or, for the baseline, while nothing else runs). The heavy
 * client is a process of its own, so that parsing its large answers does not delay this one's clock.
 */
export async function trivialP99(app: BenchApp, seconds: number, heavy: { query: string; headers: Record<string, string> } | null) {
  const until = Date.now() + seconds * 1000 + 500;
  const heavyLoop = heavy ? heavyClient(app.graphqlUrl, heavy, until) : Promise.resolve([]);
  const trivial = await load({ url: app.graphqlUrl, body: JSON.stringify({ query: '{ __typename }' }), connections: 1, seconds });
  const heavyTimes = await heavyLoop;
  return { p99Ms: trivial.p99Ms, p50Ms: trivial.p50Ms, heavyRuns: heavyTimes.length };
}

function heavyClient(url: string, heavy: { query: string; headers: Record<string, string> }, until: number): Promise<number[]> {
  const script = `(async () => { const times = []; while (Date.now() < ${until}) { const s = performance.now();
    await (await fetch(${JSON.stringify(url)}, { method: 'POST', headers: ${JSON.stringify({ 'content-type': 'application/json', ...heavy.headers })},
    body: ${JSON.stringify(JSON.stringify({ query: heavy.query }))} })).text(); times.push(performance.now() - s); }
    process.stdout.write(JSON.stringify(times)); })()`;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', () => done(JSON.parse(output || '[]') as number[]));
  });
}
