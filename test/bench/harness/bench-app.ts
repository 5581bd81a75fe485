import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { AppProcess } from '../../support/app-process';

/** From dist/test/bench/harness: the built API and CLI. */
const API_MAIN = resolve(__dirname, '../../../apps/identity-api/src/main.js');
const CLI_MAIN = resolve(__dirname, '../../../apps/identity-cli/src/main.js');

/**
 * The built app on SQLite as a deployment runs it, `NODE_ENV=production` (which graphql-js and Express
 * read too) with what production requires (`production-safety.ts`), and its production defaults
 * except the per-address and per-account rate limits: a bench sends thousands of requests from one
 * address on purpose (the limits are measured by their own e2e suites, not here).
 */
export async function startBenchApp(
  env: Record<string, string> = {},
  seedFiles: readonly string[] = [],
  nodeArgs: readonly string[] = [],
  /** How often /health is tried while it starts (AppProcess.lastStartMs is as fine as this). */
  healthPollMs = 100,
  /** Another build's API (profile/compare-builds.ts); the CLI stays this build's. */
  entry: string = API_MAIN,
): Promise<BenchApp> {
  const app = await AppProcess.start({
    entry,
    seedFiles,
    nodeArgs,
    healthPollMs,
    startTimeoutMs: 120_000, // a seeded store's projections catch up before /health answers
    env: {
      ...productionSettings(),
      RATE_LIMIT_LOGON_PER_ADDRESS: '1000000/60',
      RATE_LIMIT_ATTEMPTS_PER_ACCOUNT: '1000000/60',
      RATE_LIMIT_REGISTRATION_PER_ADDRESS: '1000000/60',
      RATE_LIMIT_VERIFICATION_PER_ADDRESS: '1000000/60',
      ...env,
    },
  });
  return new BenchApp(app);
}

/**
 * `NODE_ENV=production` and the settings it refuses to start without: delivery endpoints and keys of
 * this run (a seeded store passes its own master key in `env`, which comes after these). Nothing
 * listens on the delivery endpoints: no bench row sends a code.
 */
function productionSettings(): Record<string, string> {
  const { privateKey } = generateKeyPairSync('ed25519');
  return {
    NODE_ENV: 'production',
    SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms',
    SMTP_URL: 'smtp://127.0.0.1:9',
    SMTP_FROM: 'bench@example.test',
    IDENTITY_MASTER_KEY: randomBytes(32).toString('base64'),
    AUDIT_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
  };
}

export class BenchApp {
  constructor(readonly process: AppProcess) {}

  get graphqlUrl(): string {
    return this.process.graphqlUrl;
  }

  /** One GraphQL request; throws on `errors`. */
  async post<T>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T> {
    const response = await fetch(this.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown };
    if (body.errors || !body.data) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(body).slice(0, 300)}`);
    return body.data;
  }

  async register(loginName: string, password: string): Promise<string> {
    const data = await this.post<{ registerAccount: { accountId: string } }>(
      'mutation ($i: RegisterAccountInput!) { registerAccount(input: $i) { accountId } }',
      { i: { loginName, password } },
    );
    return data.registerAccount.accountId;
  }

  /** A session token of an account without protection. */
  async logon(loginName: string, password: string): Promise<string> {
    const data = await this.post<{ login: { session: { token: string } | null } }>(
      'mutation ($i: LoginInput!) { login(input: $i) { session { token } } }',
      { i: { loginName, password } },
    );
    if (!data.login.session) throw new Error(`${loginName}: no session`);
    return data.login.session.token;
  }

  /** `count` audit rows: failed logons of unknown names (answered with errors, on purpose), eight at a time. */
  async failedLogons(count: number): Promise<void> {
    for (let done = 0; done < count; done += 8) {
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          fetch(this.graphqlUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              query: `mutation { login(input: { loginName: "nobody${done + i}", password: "not a password" }) { status } }`,
            }),
          }),
        ),
      );
    }
    await new Promise((done) => setTimeout(done, 1000)); // the audit projection catches up
  }

  /** An API key made with the CLI against the app's own configuration. */
  apiKey(role: 'auditor' | 'integrator' | 'admin'): string {
    const out = execFileSync(process.execPath, [CLI_MAIN, 'api-key', 'create', '--role', role, '--name', 'bench'], {
      env: this.process.env,
    });
    return out.toString('utf8').trim().split('\n').at(-1) ?? '';
  }

  /**
   * Until every projection's checkpoint (GET /health with an admin key) stays put for a second: a
   * seeded store is caught up, so that its catch-up is not measured as part of the requests.
   */
  async projectionsSettled(): Promise<void> {
    const headers = { 'x-api-key': this.apiKey('admin') };
    let last = '';
    for (let stable = 0; stable < 2;) {
      const body = (await (await fetch(`${this.process.baseUrl}/health`, { headers })).json()) as { projections?: unknown };
      const now = JSON.stringify(body.projections ?? null);
      stable = now === last ? stable + 1 : 0;
      last = now;
      await new Promise((done) => setTimeout(done, 500));
    }
  }

  dispose(): Promise<void> {
    return this.process.dispose();
  }
}
