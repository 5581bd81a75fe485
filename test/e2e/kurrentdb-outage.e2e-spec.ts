import Database from 'better-sqlite3';
import { startAppForSuite } from '../support/app-for-suite';
import type { AppProcess } from '../support/app-process';
import { join } from 'node:path';
import { ACCOUNT_EVENT_TYPES, AccountEvent, AccountSecurityView, applyToSecurityView, SERVICE_STREAM_PREFIXES } from '@identity/domain';
import { positionToString } from '@identity/event-store';
import { AccountSecurityRepository } from '@identity/read-models';
import { SqliteReadModelDb } from '@identity/read-models';
import { KurrentDbTestServer, TestServerEvent } from '../kurrentdb-test-server';
import { me, send } from '../support/flow';
import { errorCodes, expectError, GqlResponse } from '../support/graphql-client';
import { eventually } from '../support/polling';
import { newAccountDetails, RegisteredAccount, registerAndLogin } from '../support/protected-account';
import { detailedHealth } from '../support/health-client';

/** Far above the adapter's 5 s append deadline: only a hang (no answer at all) reaches it. */
const HANG_MS = 20_000;
const CATCH_UP_MS = 30_000;

interface HealthBody {
  dependencies: { name: string; up: boolean }[];
  projections?: { name: string; checkpoint: string | null }[];
}

const ONE_CLIENT_UNDER_LOAD = {
  RATE_LIMIT_LOGON_PER_ADDRESS: '100000/60',
  RATE_LIMIT_REGISTRATION_PER_ADDRESS: '100000/60',
  RATE_LIMIT_ATTEMPTS_PER_ACCOUNT: '100000/60',
};
const health = (app: AppProcess) => detailedHealth<HealthBody>(app, HANG_MS);

function answered<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${HANG_MS} ms`)), HANG_MS);
  });
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer));
}

const isServiceEvent = (event: TestServerEvent) => SERVICE_STREAM_PREFIXES.some((prefix) => event.streamId.startsWith(prefix));
const accountTypes = new Set<string>(ACCOUNT_EVENT_TYPES);

/** What account_security.v3 must hold: the domain's fold over each account stream in the server. */
function expectedSecurityViews(events: TestServerEvent[]): AccountSecurityView[] {
  const views = new Map<string, AccountSecurityView | null>();
  for (const event of events) {
    if (!event.streamId.startsWith('account-') || !accountTypes.has(event.type)) continue;
    const accountId = event.streamId.slice('account-'.length);
    const domainEvent = { type: event.type, data: JSON.parse(event.data.toString('utf8')) } as AccountEvent;
    views.set(accountId, applyToSecurityView(views.get(accountId) ?? null, domainEvent));
  }
  return [...views.values()]
    .filter((view): view is AccountSecurityView => view !== null)
    .sort((a, b) => (a.accountId < b.accountId ? -1 : 1));
}

// Issue 3, acceptance 3: the KurrentDB server goes away and comes back while the app runs, during
// subscriptions and during appends. Clients get UNAVAILABLE (not a crash, not a hang), queries keep
// answering from the read model, and the projections resume from their checkpoints: every event of
// the service's streams ends up in the read models exactly once.
describe.each([true, false])('KurrentDB outages while the app runs (server batchAppend=%s)', (batchAppend) => {
  let server: KurrentDbTestServer;
  let first: RegisteredAccount;

  /** Registers and logs in (both append), then waits until the read model shows the account. */
  async function registerAndSee(): Promise<RegisteredAccount> {
    const account = await answered('registerAccount after the outage', registerAndLogin(suite.api));
    const seen = await eventually(
      () => me(suite.api, account.token),
      (view) => view !== null,
      CATCH_UP_MS,
    );
    expect(seen).toMatchObject({ accountId: account.accountId, loginName: account.loginName });
    return account;
  }

  beforeAll(async () => {
    server = await KurrentDbTestServer.start({ batchAppend });
  });
  // Every request comes from this one test client, under a load no person makes: the per-address rate
  // limits (rate-limits.e2e-spec.ts) would answer RATE_LIMITED instead of the outage answers this suite checks.
  const suite = startAppForSuite(() => ({
    env: {
      EVENT_STORE: 'kurrentdb',
      KURRENTDB_CONNECTION_STRING: server.connectionString,
      ...ONE_CLIENT_UNDER_LOAD,
    },
  }));
  beforeAll(async () => {
    first = await registerAndSee();
    await health(suite.app); // the admin key is read from the store once, while it is up
  });
  // Every test starts with the server up, whatever the one before it did.
  beforeEach(async () => {
    if (!server.isRunning) await server.restart();
  });
  afterAll(async () => {
    await server?.stop();
  });

  /** Waits until both checked projections have applied every service event the server holds, as /health reports. */
  async function projectionsCaughtUp(): Promise<void> {
    const expected = () => expectedCheckpoints(server.events().filter(isServiceEvent));
    const progress = await eventually(
      async () => (await health(suite.app)).body.projections ?? [],
      (list) => JSON.stringify(checkedOnes(list)) === JSON.stringify(expected()),
      CATCH_UP_MS,
    );
    expect(checkedOnes(progress)).toEqual(expected());
  }

  it('answers UNAVAILABLE to mutations while the server is down, and keeps answering queries', async () => {
    await server.stop({ subscriptions: 'error' });

    expectError(await answered('registerAccount', send(suite.api, 'registerAccount', { input: newAccountDetails() })), 'UNAVAILABLE');
    const credentials = { loginName: first.loginName, password: first.password };
    expectError(await answered('login', send(suite.api, 'login', { input: credentials })), 'UNAVAILABLE');
    const enable = { input: { scenes: ['LOGON'], method: 'TOTP', verifyBy: 'SMS' } };
    expectError(await answered('enableProtection', send(suite.api, 'enableProtection', enable, first.token)), 'UNAVAILABLE');

    expect(await me(suite.api, first.token)).toMatchObject({ accountId: first.accountId, security: { protectionEnabled: false } });
    const { status, body } = await health(suite.app);
    expect(status).toBe(503);
    expect(body.dependencies).toContainEqual(expect.objectContaining({ name: 'event-store (kurrentdb)', up: false }));
    expect(body.dependencies).toContainEqual(expect.objectContaining({ name: 'read-models (sqlite)', up: true }));
    expect(suite.app.running).toBe(true);
  });

  it('takes the next mutation once the server is back, without restarting the app; the projections catch up', async () => {
    await projectionsCaughtUp();
    await server.stop({ subscriptions: 'error' });
    expectError(await answered('registerAccount', send(suite.api, 'registerAccount', { input: newAccountDetails() })), 'UNAVAILABLE');
    await server.restart();
    await registerAndSee();
    expect((await health(suite.app)).status).toBe(200);
    await projectionsCaughtUp();
  });

  it.each(['silent', 'error'] as const)('resubscribes from the checkpoint when the server ends the subscriptions (%s)', async (mode) => {
    // Caught up, the projections follow the server live; then the server ends every subscription.
    await projectionsCaughtUp();
    // The read models' one subscription (projection-feed.ts) and the webhooks': the first may still be
    // in its backoff after the test before dropped it.
    await eventually(
      async () => server.openSubscriptionCount(),
      (open) => open >= 2,
      CATCH_UP_MS,
    );
    expect(server.dropSubscriptions(mode)).toBeGreaterThanOrEqual(2);
    await registerAndSee();
    await registerAndSee();
    await projectionsCaughtUp();
  });

  it('recovers from a server that vanishes without closing its calls (abort)', async () => {
    await server.stop({ subscriptions: 'abort' });
    expectError(await answered('registerAccount', send(suite.api, 'registerAccount', { input: newAccountDetails() })), 'UNAVAILABLE');
    expect(await me(suite.api, first.token)).toMatchObject({ accountId: first.accountId });
    await server.restart();
    await registerAndSee();
  });

  it('answers every mutation with its result or UNAVAILABLE while the server stops and restarts under appends', async () => {
    const accounts = [first, await registerAndSee(), await registerAndSee()];
    const unexpected: string[] = [];
    const outcomes = { before: 0, during: 0, after: 0 };
    let phase: keyof typeof outcomes = 'before';
    let phaseChanges = 0;
    let running = true;
    const worker = async (account: RegisteredAccount) => {
      while (running) {
        const sent = { phase, changes: phaseChanges };
        const input = { loginName: account.loginName, password: account.password };
        const response: GqlResponse = await answered('login under load', send(suite.api, 'login', { input }));
        const codes = errorCodes(response);
        const status = (response.body.data?.login as { status?: string } | null)?.status;
        const succeeded = codes.length === 0 && status === 'SUCCEEDED';
        const unavailable = codes.length === 1 && codes[0] === 'UNAVAILABLE' && response.status < 500;
        // In flight while the server stopped or started: either answer is right. Otherwise only the one
        // the server's state calls for: success while it is up, UNAVAILABLE while it is down.
        const straddled = phaseChanges !== sent.changes;
        if (straddled ? !(succeeded || unavailable) : !(sent.phase === 'during' ? unavailable : succeeded)) {
          unexpected.push(`${sent.phase}${straddled ? ' (straddling a stop or start)' : ''}: ${response.text.slice(0, 300)}`);
        } else if (!straddled) outcomes[sent.phase] += 1;
      }
    };
    const nextPhase = (next: keyof typeof outcomes) => {
      phase = next;
      phaseChanges += 1;
    };
    const workers = accounts.map(worker);
    await eventually(
      async () => outcomes.before,
      (count) => count >= 6,
      CATCH_UP_MS,
    );
    nextPhase('during');
    await server.stop({ subscriptions: 'error' });
    phaseChanges += 1; // requests in flight while the server was stopping
    await eventually(
      async () => outcomes.during,
      (count) => count >= 6,
      CATCH_UP_MS,
    );
    nextPhase('after');
    await server.restart();
    phaseChanges += 1;
    await eventually(
      async () => outcomes.after,
      (count) => count >= 6,
      CATCH_UP_MS,
    );
    running = false;
    await Promise.all(workers);
    expect(unexpected).toEqual([]);
    expect(Math.min(outcomes.before, outcomes.during, outcomes.after)).toBeGreaterThanOrEqual(6);
  });

  it('ends with every event of the service streams in the read models exactly once, in store order', async () => {
    await server.stop({ subscriptions: 'abort' });
    await server.restart();
    await registerAndSee();
    await projectionsCaughtUp();
    const events = server.events().filter(isServiceEvent);

    const db = new Database(join(suite.app.dataDir, 'read-models.db'), { readonly: true, fileMustExist: true });
    try {
      const auditRows = db.prepare('SELECT event_id AS id, stream_id AS streamId, type FROM audit_history_v1 ORDER BY seq').all();
      expect(auditRows).toEqual(events.map((event) => ({ id: event.id, streamId: event.streamId, type: event.type })));
      expect(await new AccountSecurityRepository(new SqliteReadModelDb(db)).all()).toEqual(expectedSecurityViews(events));
    } finally {
      db.close();
    }
  });
});

/**
 * The checkpoints of the two checked projections once they applied `events` (the server's service
 * events, in order): the last one's for both, as the app's feed moves every read model of its group
 * to the end of each batch (projection-feed.ts), also past the events of streams a read model does not take.
 */
function expectedCheckpoints(events: TestServerEvent[]): { name: string; checkpoint: string | null }[] {
  const last = events[events.length - 1];
  const checkpoint = last ? positionToString(last.position) : null;
  return [
    { name: 'account_security.v3', checkpoint },
    { name: 'audit_history.v1', checkpoint },
  ];
}

/** The two checked projections' names and checkpoints (health also names each one's damage: none here). */
function checkedOnes(list: { name: string; checkpoint: string | null }[]): { name: string; checkpoint: string | null }[] {
  return list
    .filter((p) => p.name === 'account_security.v3' || p.name === 'audit_history.v1')
    .map(({ name, checkpoint }) => ({ name, checkpoint }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
