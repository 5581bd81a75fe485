import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startAppForSuite } from '../support/app-for-suite';
import { apiKey, AuditEvent, createApiKey, readWholeTrail } from '../support/audit-trail-client';
import { runCli } from '../support/cli-process';
import { accountSecurity, completeLogin, login, me } from '../support/flow';
import { gql } from '../support/graphql-client';
import { eventually } from '../support/polling';
import { planPostgresTestDatabase, queryPostgres } from '../support/postgres-test-database';
import { loginWithTotp, ProtectedAccount, protectWithTotp } from '../support/protected-account';
import type { AppProcess } from '../support/app-process';
import { detailedHealth } from '../support/health-client';
import { defined } from '@identity/testing';

interface Health {
  status: string;
  dependencies: { name: string; up: boolean }[];
  projections?: { name: string; checkpoint: string | null }[];
}

const health = (app: AppProcess) => detailedHealth<Health>(app);

// READ_MODEL_URL=postgres://…: the read models (and checkpoints, webhook delivery state) live in a
// PostgreSQL database of this suite's own; the events stay in the embedded store in DATA_DIR.
describe('read models in PostgreSQL', () => {
  const database = planPostgresTestDatabase();
  beforeAll(() => database.create());
  const suite = startAppForSuite({ env: { READ_MODEL_URL: database.url } });
  afterAll(() => database.drop());

  let auditor: Record<string, string>;
  beforeAll(async () => {
    auditor = apiKey(await createApiKey(suite.app.env, 'auditor'));
  });
  const trailOf = async (accountId: string): Promise<AuditEvent[]> =>
    (await readWholeTrail(suite.app.graphqlUrl, auditor, { accountId }, 2)).events;
  const count = (events: AuditEvent[], type: string) => events.filter((e) => e.type === type).length;
  /** A protected account once the audit trail shows its whole set-up. */
  async function protectedAndProjected(): Promise<ProtectedAccount> {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    await eventually(
      () => trailOf(account.accountId),
      (list) => count(list, 'ProtectionEnabled') === 1,
    );
    return account;
  }

  it('names them in /health and keeps them in PostgreSQL, not in DATA_DIR', async () => {
    const { status, body } = await health(suite.app);
    expect(status).toBe(200);
    expect(body.dependencies).toContainEqual({ name: 'read-models (postgres)', up: true });
    expect(existsSync(join(suite.app.dataDir, 'read-models.db'))).toBe(false);
    const tables = await queryPostgres<{ table_name: string }>(
      database.url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(['account_security_v3', 'audit_history_v1', 'projection_checkpoints']),
    );
  });

  it('answers me and accountSecurity from PostgreSQL after the seed flow', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    const { token } = account;
    expect(account.security).toMatchObject({ protectionEnabled: true, scenes: ['LOGON'], method: 'TOTP', totpBound: true });
    // The mutation answered from its own write; the read model follows (ProtectionEnabled is bindTotp's last event).
    const mine = await eventually(
      () => me(suite.api, token),
      (read) => read?.security.protectionEnabled === true,
    );
    expect(mine).toMatchObject({ accountId: account.accountId, loginName: account.loginName });
    expect(mine?.security).toEqual(account.security);
    expect(await accountSecurity(suite.api, token, account.accountId)).toEqual(account.security);
    const [row] = await queryPostgres<{ totp_bound: number; method: string }>(
      database.url,
      'SELECT totp_bound, method FROM account_security_v3 WHERE account_id = $1',
      [account.accountId],
    );
    expect(row).toEqual({ totp_bound: 1, method: 'TOTP' });
  });

  it("gives an auditor the account's trail, page by page, in position order", async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    const setUp = [
      'AccountRegistered',
      'IdentityVerificationStarted',
      'IdentityVerified',
      'TotpEnrollmentStarted',
      'TotpBound',
      'ProtectionEnabled',
    ];
    // The binding's events are one append but projected one by one: wait for the last of them.
    const events = await eventually(
      () => trailOf(account.accountId),
      (list) => list.some((e) => e.type === 'ProtectionEnabled'),
    );
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(setUp));
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
    expect(JSON.stringify(events)).not.toContain(account.enrollment.secret);
  });

  it('catches up from its checkpoint after a SIGKILL, with events appended while it was down', async () => {
    const account = await protectedAndProjected();
    const wholeTrail = async () => (await readWholeTrail(suite.app.graphqlUrl, auditor, undefined, 50)).events;
    const keysBefore = count(await wholeTrail(), 'ApiKeyCreated');
    const loginsBefore = count(await trailOf(account.accountId), 'LoginSucceeded');
    await suite.app.kill();
    await createApiKey(suite.app.env, 'integrator'); // appended by the CLI while the app is down
    await suite.app.restart();
    const started = await login(suite.api, { loginName: account.loginName, password: account.password });
    expect(started.status).toBe('MFA_REQUIRED');
    const done = await completeLogin(suite.api, {
      challengeId: started.challenge?.challengeId ?? '',
      code: await account.authenticator.nextCode(),
    });
    expect(done.status).toBe('SUCCEEDED');
    const all = await eventually(wholeTrail, (list) => count(list, 'ApiKeyCreated') === keysBefore + 1);
    expect(count(all, 'ApiKeyCreated')).toBe(keysBefore + 1);
    expect(new Set(all.map((e) => e.eventId)).size).toBe(all.length);
    const mine = await eventually(
      () => trailOf(account.accountId),
      (list) => count(list, 'LoginSucceeded') === loginsBefore + 1,
    );
    expect(count(mine, 'LoginSucceeded')).toBe(loginsBefore + 1);
    expect((await me(suite.api, done.session?.token ?? ''))?.security).toEqual(account.security);
  });

  it('answers the same after `projections rebuild` run while the app serves, and `audit verify` compares the PostgreSQL rows', async () => {
    const account = await protectedAndProjected();
    const { token } = await loginWithTotp(suite.api, account);
    await eventually(
      () => trailOf(account.accountId),
      (list) => count(list, 'LoginSucceeded') === 2,
    );
    const snapshot = async () => ({
      me: await me(suite.api, token),
      security: await accountSecurity(suite.api, token, account.accountId),
      trail: await trailOf(account.accountId),
    });
    const before = await snapshot();
    const rebuild = await runCli(['projections', 'rebuild'], suite.app.env);
    expect({ exitCode: rebuild.exitCode, stderr: rebuild.stderr }).toMatchObject({ exitCode: 0 });
    expect(rebuild.stdout).toMatch(/rebuilt account_security\.v3 from \d+ events/);
    expect(await snapshot()).toEqual(before);
    await suite.app.restart();
    expect(await snapshot()).toEqual(before);

    const verify = await runCli(['audit', 'verify'], suite.app.env);
    expect({ exitCode: verify.exitCode, stdout: verify.stdout }).toMatchObject({ exitCode: 0 });
    const [row] = await queryPostgres<{ accounts: number }>(database.url, 'SELECT count(*)::int AS accounts FROM account_security_v3');
    const { accounts } = defined(row, 'the count row');
    expect(verify.stdout).toMatch(new RegExp(`account_security_v3: ${accounts} rows compared; audit_history_v1: \\d+ rows compared`));
  });

  it('reports the read models down (503) when PostgreSQL cannot be reached', async () => {
    await database.drop();
    const { status, body } = await eventually(
      () => health(suite.app),
      (answer) => answer.status === 503,
    );
    expect(status).toBe(503);
    expect(body.dependencies).toContainEqual(expect.objectContaining({ name: 'read-models (postgres)', up: false }));
    // A read answers a code a client can act on (issue 13), not INTERNAL_SERVER_ERROR.
    const read = await gql(
      suite.app.graphqlUrl,
      'query($id: ID!) { accountSecurity(accountId: $id) { accountId } }',
      { id: 'someone' },
      auditor,
    );
    expect(read.body.errors?.map((e) => e.extensions)).toEqual([{ code: 'UNAVAILABLE', retryAfter: 5 }]);
  });
});
