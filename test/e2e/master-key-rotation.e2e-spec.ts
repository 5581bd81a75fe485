import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { accountKeyAad, wrapKey } from '@identity/security/encryption/key-wrap';
import { AppProcess, REPO_ROOT } from '../support/app-process';
import { CLI_MAIN, runCli } from '../support/cli-process';
import { DeliveryReceivers } from '../support/delivery-receivers';
import { me } from '../support/flow';
import { findStackTraces } from '../support/graphql-client';
import { loginWithTotp, ProtectedAccount, protectWithTotp } from '../support/protected-account';
import { startExpectingExit } from '../support/start-expecting-exit';

const withoutService = (env: Record<string, string>) =>
  Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'PORT' && name !== 'IDENTITY_MASTER_KEY'));

/** Starts `keys rotate-master` and SIGKILLs it as soon as it reports its first batch; resolves once it is gone. */
function rotationKilledAtFirstProgress(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, [CLI_MAIN, 'keys', 'rotate-master', '--batch-size', '1'], { cwd: REPO_ROOT, env });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    if (/\d+\/\d+ account keys/.test(stderr)) child.kill('SIGKILL');
  });
  return new Promise((resolve) => child.once('close', () => resolve(stderr)));
}

/**
 * Issue 13, item 5: `npm run cli -- keys rotate-master` re-wraps every account key under a new master
 * key. Afterwards the service starts with the new key only, and its users log on with the codes of
 * the authenticators they bound before; a rotation killed halfway is finished by running it again.
 */
describe('master key rotation', () => {
  const oldKey = randomBytes(32).toString('base64');
  const newKey = randomBytes(32).toString('base64');
  let receivers: DeliveryReceivers;
  let app: AppProcess;
  let accounts: ProtectedAccount[];

  beforeEach(async () => {
    receivers = await DeliveryReceivers.start();
    app = await AppProcess.start({ ...receivers.appOptions, masterKey: oldKey });
    const api = { graphqlUrl: app.graphqlUrl };
    accounts = [await protectWithTotp(api, receivers, 'SMS'), await protectWithTotp(api, receivers, 'EMAIL')];
    await app.stop();
  });
  afterEach(async () => {
    await app?.dispose();
    await receivers?.close();
  });

  async function expectServedWithNewKeyOnly(): Promise<void> {
    const refused = await startExpectingExit({ ...withoutService(app.env), IDENTITY_MASTER_KEY: oldKey });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.output).toContain('IDENTITY_MASTER_KEY');
    expect(findStackTraces(refused.output)).toEqual([]);
    app.env.IDENTITY_MASTER_KEY = newKey;
    await app.restart();
    const api = { graphqlUrl: app.graphqlUrl };
    for (const account of accounts) {
      const { token } = await loginWithTotp(api, account);
      await expect(me(api, token)).resolves.toMatchObject({ accountId: account.accountId });
      // Derived keys did not change: a session issued before the rotation is still good.
      await expect(me(api, account.token)).resolves.toMatchObject({ accountId: account.accountId });
    }
  }

  it('re-wraps every account key, reporting progress on stderr; the service then logs users on with the new key only', async () => {
    const rotation = await runCli(['keys', 'rotate-master'], { ...app.env, IDENTITY_NEW_MASTER_KEY: newKey });
    expect({ exitCode: rotation.exitCode, stderr: rotation.stderr }).toMatchObject({ exitCode: 0 });
    expect(rotation.stderr).toMatch(/keys rotate-master: 2\/2 account keys under the new master key/);
    expect(rotation.stdout).toMatch(/2 account keys re-wrapped now, 2 in all/);
    expect(rotation.stdout + rotation.stderr).not.toContain(newKey);
    await expectServedWithNewKeyOnly();
  });

  it('finishes a rotation killed halfway when run again; no start is allowed in between', async () => {
    const keys = new Database(join(app.dataDir, 'keys.db'));
    const insert = keys.prepare('INSERT INTO account_keys (account_id, wrapped_key, created_at) VALUES (?, ?, ?)');
    const master = Buffer.from(oldKey, 'base64');
    keys.transaction(() => {
      for (let i = 0; i < 3000; i += 1) {
        const id = randomUUID();
        insert.run(id, wrapKey(master, accountKeyAad(id), randomBytes(32)), new Date().toISOString());
      }
    })();
    keys.close();
    const env = { ...app.env, IDENTITY_NEW_MASTER_KEY: newKey };
    await rotationKilledAtFirstProgress(env);

    const refused = await startExpectingExit({ ...withoutService(app.env), IDENTITY_MASTER_KEY: newKey });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.output).toContain('rotation is unfinished');

    const resumed = await runCli(['keys', 'rotate-master'], env);
    expect({ exitCode: resumed.exitCode, stderr: resumed.stderr }).toMatchObject({ exitCode: 0 });
    const [, now, all] = /(\d+) account keys re-wrapped now, (\d+) in all/.exec(resumed.stdout) ?? [];
    expect(Number(all)).toBe(3002);
    expect(Number(now)).toBeGreaterThan(0);
    expect(Number(now)).toBeLessThan(3002);
    await expectServedWithNewKeyOnly();
  });
});
