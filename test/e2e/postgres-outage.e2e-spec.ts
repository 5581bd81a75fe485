import { startAppForSuite } from '../support/app-for-suite';
import { Api, me, registerAccount, send } from '../support/flow';
import { errorCodes } from '../support/graphql-client';
import { detailedHealth } from '../support/health-client';
import { eventually, sleep } from '../support/polling';
import { planPostgresTestDatabase } from '../support/postgres-test-database';
import { beginBindingTotp, newAccountDetails, registerAndLogin, startEnablingProtection } from '../support/protected-account';
import { TcpProxy } from '../support/tcp-proxy';
import { TotpAuthenticator } from '../support/totp';

interface Health {
  dependencies: { name: string; up: boolean }[];
}

/** Clients that register, read and log on in a loop; every answer that is neither a result nor UNAVAILABLE is kept. */
function steadyLoad(api: Api) {
  let running = true;
  const unexpected: string[] = [];
  let answers = 0;
  const client = async () => {
    const { token } = await registerAndLogin(api);
    while (running) {
      const details = newAccountDetails();
      const registered = await send(api, 'registerAccount', { input: details });
      const results = [
        registered,
        ...(await Promise.all([
          send(api, 'me', {}, token),
          send(api, 'login', { input: { loginName: details.loginName, password: details.password } }),
        ])),
      ];
      if (errorCodes(registered).length > 0) results.pop(); // no account to log on to
      answers += results.length;
      for (const result of results) {
        const codes = result.status === 200 ? errorCodes(result).filter((code) => code !== 'UNAVAILABLE') : [`HTTP ${result.status}`];
        unexpected.push(...codes);
      }
    }
  };
  const clients = [client(), client()];
  return {
    async stop() {
      running = false;
      await Promise.all(clients);
      return { answers, unexpected };
    },
  };
}

/**
 * Issue 13, "What was seen": stopping PostgreSQL under load killed the process (an unhandled `error`
 * event of a pooled client), and bindTotp and verifyIdentity appended their events, waited for the
 * read model and answered INTERNAL_SERVER_ERROR (or, with projections stalled, success showing the
 * old state). Here a proxy drops every PostgreSQL connection at once under load: the process lives,
 * /health says 503 naming the read models, the two mutations answer their success from the command's
 * own state, and everything recovers without a restart once PostgreSQL is reachable again.
 */
describe('PostgreSQL dropping every connection under load', () => {
  const database = planPostgresTestDatabase();
  let proxy: TcpProxy;
  beforeAll(async () => {
    await database.create();
    const url = new URL(database.url);
    proxy = await TcpProxy.start({ host: url.hostname, port: Number(url.port || 5432) });
  });
  const suite = startAppForSuite(() => {
    const url = new URL(database.url);
    url.port = String(proxy.port);
    return {
      env: {
        READ_MODEL_URL: url.toString(),
        RATE_LIMIT_REGISTRATION_PER_ADDRESS: '1000000/60',
        RATE_LIMIT_LOGON_PER_ADDRESS: '1000000/60',
      },
    };
  });
  afterAll(async () => {
    await proxy?.close();
    await database.drop();
  });
  const health = () => detailedHealth<Health>(suite.app);

  it('lives through it, answers bindTotp and verifyIdentity with what they did, and recovers by itself', async () => {
    const binding = await beginBindingTotp(suite.api, suite.receivers, 'SMS');
    const enabling = await startEnablingProtection(suite.api, suite.receivers, 'EMAIL');
    const authenticator = new TotpAuthenticator(binding.enrollment.secret);
    const code = await authenticator.nextCode();
    const load = steadyLoad(suite.api);
    await sleep(500);

    await proxy.cut();
    const down = await eventually(health, (answer) => answer.status === 503, 15_000);
    expect(down.body.dependencies).toContainEqual(expect.objectContaining({ name: 'read-models (postgres)', up: false }));

    const bound = await send(suite.api, 'bindTotp', { input: { enrollmentId: binding.enrollment.enrollmentId, code } }, binding.token);
    expect(bound.body.errors).toBeUndefined();
    const bindPayload = bound.body.data?.bindTotp as { recoveryCodes: string[]; security: Record<string, unknown> };
    // Not the stale state of a read model that stopped: the binding this request made.
    expect(bindPayload.security).toMatchObject({ totpBound: true, protectionEnabled: true, method: 'TOTP' });
    expect(bindPayload.recoveryCodes).toHaveLength(10);
    const verified = await send(
      suite.api,
      'verifyIdentity',
      { input: { verificationId: enabling.verification.verificationId, code: enabling.deliveredCode } },
      enabling.token,
    );
    expect(verified.body.errors).toBeUndefined();
    expect(verified.body.data?.verifyIdentity).toMatchObject({ verified: true });
    await sleep(2000); // the load goes on during the outage
    expect(suite.app.running).toBe(true);

    await proxy.restore();
    const up = await eventually(health, (answer) => answer.status === 200, 30_000);
    expect(up.status).toBe(200);
    const outcome = await load.stop();
    expect(outcome.unexpected).toEqual([]);
    expect(outcome.answers).toBeGreaterThan(0);
    const caughtUp = await eventually(
      () => me(suite.api, binding.token),
      (account) => account?.security.totpBound === true,
      15_000,
    );
    expect(caughtUp?.security).toMatchObject({ totpBound: true, protectionEnabled: true });
    await expect(registerAccount(suite.api, newAccountDetails())).resolves.toMatchObject({ accountId: expect.any(String) });
    expect(suite.app.lastExit).toBeNull();
  });
});
