import { AppProcess } from '../support/app-process';
import { readFilesUnder } from '../support/byte-scan';
import { runCli } from '../support/cli-process';
import { gql, expectError } from '../support/graphql-client';
import { Api } from '../support/flow';
import { registerAndLogin } from '../support/protected-account';
import { detailedHealth } from '../support/health-client';
import { defined } from '@identity/testing';

const SECURITY = 'query ($id: ID!) { accountSecurity(accountId: $id) { accountId protectionEnabled totpBound } }';

/** Machines: API keys made by the CLI authenticate with X-Api-Key; only a hash is stored. Health names each dependency. */
describe('API keys and health', () => {
  let app: AppProcess;
  let api: Api;

  beforeAll(async () => {
    app = await AppProcess.start();
    api = { graphqlUrl: app.graphqlUrl };
  });
  afterAll(async () => app?.dispose());

  async function createKey(role: string): Promise<string> {
    const result = await runCli(['api-key', 'create', '--role', role, '--name', `${role} e2e`], app.env);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.trim().split('\n');
    return defined(lines.at(-1), 'the key line');
  }

  it('lets an auditor key read any account, and nobody else read a stranger', async () => {
    const alice = await registerAndLogin(api);
    const bob = await registerAndLogin(api);
    const auditorKey = await createKey('auditor');
    expect(auditorKey).toMatch(/^idk_/);

    const asAuditor = await gql(app.graphqlUrl, SECURITY, { id: alice.accountId }, { 'x-api-key': auditorKey });
    expect(asAuditor.body.data).toEqual({ accountSecurity: { accountId: alice.accountId, protectionEnabled: false, totpBound: false } });

    const asBob = await gql(app.graphqlUrl, SECURITY, { id: alice.accountId }, { authorization: `Bearer ${bob.token}` });
    expectError(asBob, 'FORBIDDEN');
    const asSelf = await gql(app.graphqlUrl, SECURITY, { id: alice.accountId }, { authorization: `Bearer ${alice.token}` });
    expect(asSelf.body.data).toEqual(asAuditor.body.data);
  });

  it('refuses an integrator key, a forged key and no key', async () => {
    const alice = await registerAndLogin(api);
    const integratorKey = await createKey('integrator');
    expectError(await gql(app.graphqlUrl, SECURITY, { id: alice.accountId }, { 'x-api-key': integratorKey }), 'FORBIDDEN');
    const forged = `${integratorKey.slice(0, -4)}AAAA`;
    expectError(await gql(app.graphqlUrl, SECURITY, { id: alice.accountId }, { 'x-api-key': forged }), 'UNAUTHENTICATED');
    expectError(await gql(app.graphqlUrl, SECURITY, { id: alice.accountId }), 'UNAUTHENTICATED');
  });

  it('stores no API key in clear', async () => {
    const key = await createKey('admin');
    await app.stop();
    const secret = key.slice(key.lastIndexOf('_') + 1);
    for (const file of readFilesUnder(app.dataDir)) expect(file.bytes.includes(Buffer.from(secret))).toBe(false);
    await app.restart();
  });

  it('refuses a CLI call with a wrong role, naming the option', async () => {
    const result = await runCli(['api-key', 'create', '--role', 'root', '--name', 'x'], app.env);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/--role must be one of auditor, integrator, admin/);
  });

  it('reports the event store and the read models on /health, to an admin key', async () => {
    const { status, body } = await detailedHealth<{ status: string; dependencies: unknown[] }>(app);
    expect(status).toBe(200);
    expect(body.status).toBe('up');
    expect(body.dependencies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: expect.stringMatching(/^event-store/), up: true }),
        expect.objectContaining({ name: expect.stringMatching(/^read-models/), up: true }),
      ]),
    );
  });
});
