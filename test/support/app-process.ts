import { ChildProcess, spawn } from 'node:child_process';
import { chownSync, copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const API_MAIN = join(REPO_ROOT, 'dist/apps/identity-api/src/main.js');

export interface AppOptions {
  smsWebhookUrl?: string;
  smtpUrl?: string;
  smtpFrom?: string;
  /** base64 of 32 bytes; without it the app generates a dev key into DATA_DIR. */
  masterKey?: string;
  lockoutThreshold?: number;
  lockoutDurationSeconds?: number;
  /** Any further environment variables for the app. */
  env?: Record<string, string>;
  startTimeoutMs?: number;
  /** The script to run; the built API by default. */
  entry?: string;
  /** Options for node before the entry (e.g. `--cpu-prof`, which NODE_OPTIONS does not take). */
  nodeArgs?: readonly string[];
  /** Runs the app as this user (the tests run as root, whom file modes do not stop); DATA_DIR is given to it. */
  runAs?: { uid: number; gid: number };
  /** Files copied into the fresh DATA_DIR before the first start (a store written by another version). */
  seedFiles?: readonly string[];
  /** How often GET /health is tried while the app starts (default 100 ms; a start-up bench asks more often). */
  healthPollMs?: number;
}

/** The service's own variables: never inherited from the test runner's environment. */
const SERVICE_VARIABLES = [
  'PORT',
  'HOST',
  'DATA_DIR',
  'EVENT_STORE',
  'KURRENTDB_CONNECTION_STRING',
  'READ_MODEL_URL',
  'IDENTITY_MASTER_KEY',
  'SMS_WEBHOOK_URL',
  'SMTP_URL',
  'SMTP_FROM',
  'TOTP_ISSUER',
  'LOCKOUT_THRESHOLD',
  'LOCKOUT_DURATION_SECONDS',
  'SESSION_TTL_SECONDS',
  'STEP_UP_MAX_AGE_SECONDS',
  'REMEMBERED_DEVICE_MAX_SECONDS',
  'NODE_ENV',
  'AUDIT_SIGNING_KEY',
  'AUDIT_DIGEST_INTERVAL_SECONDS',
  'WEBHOOK_ALLOW_PRIVATE_NETWORKS',
  'WEBHOOK_MAX_FAILURES',
  'WEBHOOK_RETRY_BASE_MS',
  'WEBHOOK_RETRY_MAX_MS',
  'WEBHOOK_TIMEOUT_MS',
  'TRUST_PROXY',
  'GRAPHQL_INTROSPECTION',
  'RATE_LIMIT_REDIS_URL',
  'RATE_LIMIT_LOGON_PER_ADDRESS',
  'RATE_LIMIT_ATTEMPTS_PER_ACCOUNT',
  'RATE_LIMIT_VERIFICATION_PER_ADDRESS',
  'RATE_LIMIT_REGISTRATION_PER_ADDRESS',
  'RATE_LIMIT_CODE_SENDS_PER_ADDRESS',
  'RATE_LIMIT_CODE_SENDS_PER_ACCOUNT',
  'CODE_RESEND_COOLDOWN_SECONDS',
  'CODES_PER_DESTINATION_PER_DAY',
  'OPERATION_MAX_ALIASES',
  'OPERATION_MAX_ROOT_FIELDS',
  'OPERATION_MAX_DEPTH',
  'OPERATION_MAX_COST',
  'OPERATION_MAX_PAGE_SIZE',
  'OPERATION_MAX_TOKENS',
];

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** A port that was free a moment ago: listen on port 0, read the port, close. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * The built service (`npm run build` first) as a child process on its own port and a fresh DATA_DIR,
 * as an operator would run it. stdout and stderr are kept together as the server log.
 */
/** Gives `dir` and everything in it to `owner` (files the CLI wrote as root, for an app run as another user). */
export function chownRecursively(dir: string, owner: { uid: number; gid: number }): void {
  chownSync(dir, owner.uid, owner.gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) chownRecursively(path, owner);
    else chownSync(path, owner.uid, owner.gid);
  }
}

export class AppProcess {
  readonly baseUrl: string;
  readonly graphqlUrl: string;
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private readonly output: Buffer[] = [];
  private exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private nodeArgs: readonly string[] = [];
  private healthPollMs = 100;
  private startMs: number | null = null;

  private constructor(
    readonly port: number,
    readonly dataDir: string,
    /** The full environment the app runs with (also what the CLI needs). */
    readonly env: Record<string, string>,
    private readonly startTimeoutMs: number,
    private readonly entry: string,
    private readonly runAs?: { uid: number; gid: number },
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.graphqlUrl = `${this.baseUrl}/graphql`;
  }

  static async start(options: AppOptions = {}): Promise<AppProcess> {
    const entry = options.entry ?? API_MAIN;
    if (!existsSync(entry)) throw new Error(`${entry} does not exist: run \`npm run build\` before the e2e suites`);
    const port = await findFreePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'identity-e2e-'));
    for (const file of options.seedFiles ?? []) copyFileSync(file, join(dataDir, basename(file)));
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] => entry[1] !== undefined && !SERVICE_VARIABLES.includes(entry[0]),
      ),
    );
    const optional: Record<string, string | undefined> = {
      IDENTITY_MASTER_KEY: options.masterKey,
      SMS_WEBHOOK_URL: options.smsWebhookUrl,
      SMTP_URL: options.smtpUrl,
      SMTP_FROM: options.smtpFrom,
      LOCKOUT_THRESHOLD: options.lockoutThreshold?.toString(),
      LOCKOUT_DURATION_SECONDS: options.lockoutDurationSeconds?.toString(),
    };
    const env: Record<string, string> = {
      ...inherited,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ...Object.fromEntries(Object.entries(optional).filter((entry): entry is [string, string] => entry[1] !== undefined)),
      ...options.env,
    };
    if (options.runAs) chownRecursively(dataDir, options.runAs);
    const app = new AppProcess(port, dataDir, env, options.startTimeoutMs ?? 30_000, entry, options.runAs);
    app.nodeArgs = options.nodeArgs ?? [];
    app.healthPollMs = options.healthPollMs ?? 100;
    try {
      await app.launch();
    } catch (error) {
      await app.dispose();
      throw error;
    }
    return app;
  }

  /** Everything the server wrote to stdout and stderr, over all its runs. */
  log(): string {
    return this.logBytes().toString('utf8');
  }

  logBytes(): Buffer {
    return Buffer.concat(this.output);
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** The running server's process id (for sampling its memory), null while it is down. */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** Milliseconds from the last spawn to its first GET /health 200 (null before the first). */
  get lastStartMs(): number | null {
    return this.startMs;
  }

  /** How the last run ended (exit code or signal), null while the first run lasts. */
  get lastExit(): { code: number | null; signal: NodeJS.Signals | null } | null {
    return this.exit;
  }

  /** Graceful stop (SIGTERM); a process that does not exit in 15 s is killed. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((done) => (timer = setTimeout(() => done(false), 15_000)));
    const stopped = await Promise.race([this.exited.then(() => true), timedOut]);
    clearTimeout(timer);
    if (!stopped) await this.kill();
  }

  /** A crash: SIGKILL, no chance to flush or clean up. */
  async kill(): Promise<void> {
    if (!this.child) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Starts the app again on the same port and DATA_DIR (stopping it first if it runs). */
  async restart(): Promise<void> {
    await this.stop();
    await this.launch();
  }

  /** Stops the app and removes its DATA_DIR (kept when KEEP_E2E_DATA is set, for debugging). */
  async dispose(): Promise<void> {
    await this.stop();
    if (!process.env.KEEP_E2E_DATA) rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const spawnedAt = performance.now();
    const child = spawn(process.execPath, [...this.nodeArgs, this.entry], {
      cwd: REPO_ROOT,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...this.runAs,
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk));
    this.exited = new Promise<void>((done) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        if (this.child === child) this.child = null;
        done();
      });
    });
    await this.waitUntilHealthy(child);
    this.startMs = performance.now() - spawnedAt;
  }

  private async waitUntilHealthy(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + this.startTimeoutMs;
    let lastProblem = 'no answer yet';
    while (Date.now() < deadline) {
      if (this.child !== child) {
        throw new Error(`the app exited (code ${child.exitCode}, signal ${child.signalCode}) before it was healthy. Log:\n${this.log()}`);
      }
      try {
        const response = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
        const body = await response.text();
        if (response.status === 200) return;
        lastProblem = `GET /health answered ${response.status}: ${body.slice(0, 300)}`;
      } catch (error) {
        lastProblem = String(error);
      }
      await sleep(this.healthPollMs);
    }
    child.kill('SIGKILL');
    await this.exited;
    throw new Error(`the app was not healthy within ${this.startTimeoutMs} ms (${lastProblem}). Log:\n${this.log()}`);
  }
}
