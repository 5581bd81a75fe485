import { KurrentDbTestServer } from '../kurrentdb-test-server';
import { AppProcess } from '../support/app-process';
import { startExpectingExit } from '../support/start-expecting-exit';
import { Api, registerAccount } from '../support/flow';
import { findStackTraces } from '../support/graphql-client';
import { newAccountDetails } from '../support/protected-account';

// Issue 3: KURRENTDB_CONNECTION_STRING is required with EVENT_STORE=kurrentdb; a missing or malformed
// value stops the start with a message naming it, and no stack trace.
describe('KURRENTDB_CONNECTION_STRING at start-up', () => {
  const PASSWORD = 'Sup3r-s3cret-pw';

  it.each([
    ['missing', undefined],
    ['of another scheme', 'http://localhost:2113'],
    ['with a value the client rejects (tls=maybe)', 'kurrentdb://localhost:2113?tls=maybe'],
    ['with an unknown node preference', 'kurrentdb://localhost:2113?tls=false&nodePreference=sideways'],
    ['with a port that is not a number', 'esdb://localhost:port?tls=false'],
    ['with credentials and a bad option', `kurrentdb://admin:${PASSWORD}@localhost:2113?tls=maybe`],
  ])('stops the start when it is %s', async (_case, value) => {
    const env: Record<string, string> = { EVENT_STORE: 'kurrentdb' };
    if (value !== undefined) env.KURRENTDB_CONNECTION_STRING = value;
    const result = await startExpectingExit(env);
    expect({ exitCode: result.exitCode, signal: result.signal }).toEqual({ exitCode: expect.any(Number), signal: null });
    expect(result.exitCode).not.toBe(0);
    expect(result.output).toContain('KURRENTDB_CONNECTION_STRING');
    expect(findStackTraces(result.output)).toEqual([]);
    expect(result.output).not.toContain(PASSWORD);
  });

  describe.each(['kurrentdb', 'esdb'])('with a %s:// connection string', (scheme) => {
    let server: KurrentDbTestServer;
    let app: AppProcess;

    beforeAll(async () => {
      server = await KurrentDbTestServer.start();
      const connectionString = server.connectionString.replace(/^kurrentdb:/, `${scheme}:`);
      app = await AppProcess.start({ env: { EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: connectionString } });
    });
    afterAll(async () => {
      await app?.dispose();
      await server?.stop();
    });

    it('starts, and writes to that server', async () => {
      const api: Api = { graphqlUrl: app.graphqlUrl };
      const { accountId } = await registerAccount(api, newAccountDetails());
      expect(server.events(`account-${accountId}`).map((event) => event.type)).toEqual(['AccountRegistered']);
      expect(app.log()).not.toMatch(/deprecat/i);
    });
  });
});
