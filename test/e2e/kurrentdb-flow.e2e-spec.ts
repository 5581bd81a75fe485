import { ACCOUNT_EVENT_TYPES } from '@identity/domain';
import { startAppForSuite } from '../support/app-for-suite';
import type { AppProcess } from '../support/app-process';
import { KurrentDbTestServer, TestServerEvent } from '../kurrentdb-test-server';
import { completeLogin, login, me } from '../support/flow';
import { eventually } from '../support/polling';
import { loginWithTotp, ProtectedAccount, protectWithTotp } from '../support/protected-account';
import { detailedHealth } from '../support/health-client';
import { defined } from '@identity/testing';

interface HealthBody {
  status: string;
  dependencies: { name: string; up: boolean; detail?: string }[];
  projections?: { name: string }[];
}

const health = (app: AppProcess) => detailedHealth<HealthBody>(app);

const dataOf = (event: TestServerEvent): Record<string, unknown> => JSON.parse(event.data.toString('utf8'));

// Issue 3, acceptance 1: the whole flow of issue 2 with EVENT_STORE=kurrentdb, against a server that
// speaks the KurrentDB gRPC protocol to the real client (both append paths of the client).
describe.each([true, false])('the protection flow with EVENT_STORE=kurrentdb (server batchAppend=%s)', (batchAppend) => {
  let server: KurrentDbTestServer;

  beforeAll(async () => {
    server = await KurrentDbTestServer.start({ batchAppend });
  });
  const suite = startAppForSuite(() => ({ env: { EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: server.connectionString } }));
  afterAll(async () => {
    await server?.stop();
  });

  it('reports the KurrentDB connection as up in /health', async () => {
    const { status, body } = await health(suite.app);
    expect(status).toBe(200);
    expect(body.dependencies).toContainEqual(expect.objectContaining({ name: 'event-store (kurrentdb)', up: true }));
  });

  /** An account protected with TOTP that then logged in with its second factor. */
  async function protectedAndLoggedIn(): Promise<ProtectedAccount> {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    await loginWithTotp(suite.api, account);
    return account;
  }

  it('protects an account with TOTP and logs in with the second factor', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    expect(account.security).toMatchObject({ accountId: account.accountId, protectionEnabled: true, totpBound: true });

    const started = await login(suite.api, { loginName: account.loginName, password: account.password });
    expect(started.status).toBe('MFA_REQUIRED');
    const done = await completeLogin(suite.api, {
      challengeId: started.challenge?.challengeId ?? '',
      code: await account.authenticator.nextCode(),
    });
    expect(done).toMatchObject({ status: 'SUCCEEDED', session: { accountId: account.accountId } });
    const mine = await me(suite.api, done.session?.token ?? '');
    expect(mine).toMatchObject({
      accountId: account.accountId,
      loginName: account.loginName,
      security: { totpBound: true, scenes: ['LOGON'] },
    });
  });

  it('stores the account events in the server, in the stream account-<id>, as JSON', async () => {
    const account = await protectedAndLoggedIn();
    const stream = server.events(`account-${account.accountId}`);
    expect(stream.map((event) => event.type)).toEqual([
      'AccountRegistered',
      'LoginSucceeded',
      'IdentityVerificationStarted',
      'IdentityVerified',
      'TotpEnrollmentStarted',
      'TotpCodeAccepted',
      'TotpBound',
      'ProtectionEnabled',
      'StepUpSucceeded',
      'RecoveryCodesGenerated',
      'MfaChallengeIssued',
      'TotpCodeAccepted',
      'LoginSucceeded',
    ]);
    expect(stream.map((event) => event.revision)).toEqual(stream.map((_event, i) => BigInt(i)));
    for (const event of stream) {
      expect(event.contentType).toBe('application/json');
      expect(() => dataOf(event)).not.toThrow();
    }
    expect(dataOf(defined(stream[0]))).toMatchObject({ accountId: account.accountId, loginName: account.loginName });
    // The metadata (who, from where, in which request) is JSON too.
    expect(JSON.parse(defined(stream[0]).customMetadata.toString('utf8'))).toHaveProperty('correlationId');
    // Personal data is encrypted in the event, not stored as sent.
    const bytes = Buffer.concat(stream.map((event) => event.data)).toString('utf8');
    expect(bytes).not.toContain(account.phone.slice(2));
    expect(bytes).not.toContain(account.email);
  });

  it('writes account events to no other stream than the account stream', async () => {
    const account = await protectedAndLoggedIn();
    const accountTypes = new Set<string>(ACCOUNT_EVENT_TYPES);
    const elsewhere = server.events().filter((event) => accountTypes.has(event.type) && !event.streamId.startsWith('account-'));
    expect(elsewhere.map((event) => `${event.streamId}: ${event.type}`)).toEqual([]);
    const loginNameClaims = server
      .events()
      .filter((event) => event.streamId.startsWith('loginname-') && dataOf(event).accountId === account.accountId);
    expect(loginNameClaims.map((event) => event.type)).toEqual(['LoginNameClaimed']);
  });

  it('shuts down cleanly on SIGTERM: it ends by that signal and leaves no subscription open on the server', async () => {
    const openSubscriptions = (wanted: (count: number) => boolean) => eventually(async () => server.openSubscriptionCount(), wanted);
    // The app follows the store (its projections and the webhook registry) while it runs.
    expect(await openSubscriptions((count) => count > 0)).toBeGreaterThan(0);
    await suite.app.stop();
    expect(suite.app.lastExit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(await openSubscriptions((count) => count === 0)).toBe(0);
  });
});
