import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchApp, startBenchApp } from '../harness/bench-app';
import { load } from '../harness/http-load';
import { seedPendingChallenges } from '../harness/pending-challenges';
import { layerTablesMarkdown, layerTimes } from './cpu-profile-layers';

/**
 * `node dist/test/bench/profile/profile-http.js [seconds] [only]`: CPU profiles (`node --cpu-prof`)
 * of the built app under the HTTP rows' loads (the trivial query, `me { security }`, an
 * `auditTrail(first: 50)` page, `login` with the right password, completeLogin), one app process each, printed as self time by
 * layer (Markdown) for docs/benchmarks.md. Only the samples taken while the load ran count.
 */
const SECONDS = Number(process.argv[2] ?? 8);
const ONLY = process.argv[3] ?? '';
const ME = '{ me { loginName security { protectionEnabled scenes totpBound lockedUntil } } }';
const AUDIT =
  '{ auditTrail(first: 50) { edges { node { position type occurredAt ip userAgent data } } pageInfo { hasNextPage endCursor } } }';
const COMPLETE_LOGIN = 'mutation ($i: CompleteLoginInput!) { completeLogin(input: $i) { status session { token } } }';
const LOGIN = 'mutation ($i: LoginInput!) { login(input: $i) { status session { token expiresAt } } }';
const LOGIN_CONNECTIONS = 4;

/** The Markdown goes to standard output, for docs/benchmarks.md. */
const print = (text: string) => void process.stdout.write(`${text}\n`);

interface Scenario {
  name: string;
  connections: number;
  /** Before the app starts: files and environment; after: the request body and headers. */
  seed?: (dir: string) => Promise<{ env: Record<string, string>; files: string[]; body: () => string }>;
  prepare?: (
    app: BenchApp,
  ) => Promise<{ body: string | ((connection: Record<string, unknown>) => string); headers: Record<string, string> }>;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'trivial query { __typename }',
    connections: 10,
    prepare: async () => ({ body: JSON.stringify({ query: '{ __typename }' }), headers: {} }),
  },
  {
    name: 'me { security }',
    connections: 10,
    prepare: async (app) => {
      await app.register('profilereader', 'lantern orbit mulberry');
      const token = await app.logon('profilereader', 'lantern orbit mulberry');
      return { body: JSON.stringify({ query: ME }), headers: { authorization: `Bearer ${token}` } };
    },
  },
  {
    // The session check alone: the trivial query with a person's token (the row "with a session token").
    name: 'trivial query with a session token',
    connections: 10,
    prepare: async (app) => {
      await app.register('profilesession', 'lantern orbit mulberry');
      const token = await app.logon('profilesession', 'lantern orbit mulberry');
      return { body: JSON.stringify({ query: '{ __typename }' }), headers: { authorization: `Bearer ${token}` } };
    },
  },
  {
    name: 'auditTrail(first: 50)',
    connections: 10,
    prepare: async (app) => {
      await app.failedLogons(56);
      return { body: JSON.stringify({ query: AUDIT }), headers: { 'x-api-key': app.apiKey('auditor') } };
    },
  },
  {
    // The `login` row's load: the right password, one account per connection (no two on one stream).
    name: 'login (password)',
    connections: LOGIN_CONNECTIONS,
    prepare: async (app) => {
      const names = Array.from({ length: LOGIN_CONNECTIONS }, (_, i) => `profilelogon${i}`);
      for (const name of names) await app.register(name, 'lantern orbit mulberry');
      let next = 0;
      const body = (connection: Record<string, unknown>) => {
        connection.name ??= names[next++ % names.length];
        return JSON.stringify({ query: LOGIN, variables: { i: { loginName: connection.name, password: 'lantern orbit mulberry' } } });
      };
      return { body, headers: {} };
    },
  },
  {
    name: 'completeLogin (TOTP)',
    connections: 32,
    seed: async (dir) => {
      const seeded = await seedPendingChallenges(dir, Math.ceil(SECONDS * 250));
      let next = 0;
      const body = () => {
        const challenge = seeded.challenges[next++];
        if (!challenge) throw new Error('out of seeded challenges');
        return JSON.stringify({ query: COMPLETE_LOGIN, variables: { i: { challengeId: challenge.challengeId, code: challenge.code() } } });
      };
      return { env: { IDENTITY_MASTER_KEY: seeded.masterKey }, files: seeded.files, body };
    },
  },
];

async function profile(scenario: Scenario, root: string): Promise<void> {
  const profiles = join(root, scenario.name.replace(/\W+/g, '-'));
  const seedDir = join(root, `${scenario.name.replace(/\W+/g, '-')}-seed`);
  mkdirSync(profiles, { recursive: true });
  mkdirSync(seedDir, { recursive: true });
  const seeded = scenario.seed ? await scenario.seed(seedDir) : null;
  const spawnedAt = Date.now();
  const app = await startBenchApp(seeded?.env ?? {}, seeded?.files ?? [], ['--cpu-prof', `--cpu-prof-dir=${profiles}`]);
  const pid = app.process.pid;
  let window = { fromMs: 0, toMs: 0 };
  let result;
  try {
    if (seeded) await app.projectionsSettled();
    const prepared = scenario.prepare ? await scenario.prepare(app) : { body: seeded?.body ?? '', headers: {} };
    const body = seeded?.body ?? prepared.body;
    const seconds = SECONDS;
    const amount = seeded ? Math.ceil(SECONDS * 250) - 64 : undefined;
    const from = Date.now() - spawnedAt + 500;
    result = await load({ url: app.graphqlUrl, body, headers: prepared.headers, connections: scenario.connections, seconds, amount });
    window = { fromMs: from, toMs: Date.now() - spawnedAt - 200 };
  } finally {
    await app.dispose();
  }
  const file = readdirSync(profiles).find((name) => name.includes(`.${pid}.`));
  if (!file) throw new Error(`no profile of process ${pid} in ${profiles}`);
  const times = layerTimes(join(profiles, file), window);
  const busy = times.totalMs - (times.layers.find((l) => l.layer === 'idle')?.ms ?? 0);
  const perRequest = busy / result.requests;
  print(
    `\n### ${scenario.name}: ${result.rps.toFixed(0)} req/s at ${scenario.connections} connections, ` +
      `${perRequest.toFixed(2)} ms CPU per request (${(busy / 1000).toFixed(1)} s busy of ${(times.totalMs / 1000).toFixed(1)} s)\n`,
  );
  print(layerTablesMarkdown(times, busy));
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'identity-profile-'));
  try {
    for (const scenario of SCENARIOS) if (scenario.name.toLowerCase().includes(ONLY.toLowerCase())) await profile(scenario, root);
  } finally {
    if (!process.env.KEEP_PROFILES) rmSync(root, { recursive: true, force: true });
    else console.error(`profiles kept in ${root}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
