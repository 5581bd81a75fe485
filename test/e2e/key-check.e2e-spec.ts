import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppProcess } from '../support/app-process';
import { login, registerAccount } from '../support/flow';
import { findStackTraces } from '../support/graphql-client';
import { newAccountDetails } from '../support/protected-account';
import { startExpectingExit } from '../support/start-expecting-exit';

/**
 * Issue 13: a start on existing data with the wrong master key, without its dev key file, or without
 * keys.db would make every stored secret unreadable and write new ones under new keys: it is refused
 * at once, with a message naming what is wrong, and nothing is served.
 */
describe('the master key and keys.db are checked at start', () => {
  const masterKey = randomBytes(32).toString('base64');

  async function storeWithAnAccount(options: { masterKey?: string }) {
    const app = await AppProcess.start(options);
    const account = newAccountDetails();
    await registerAccount({ graphqlUrl: app.graphqlUrl }, account);
    await app.stop();
    return { app, account };
  }

  const withoutService = (env: Record<string, string>) =>
    Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'PORT' && name !== 'IDENTITY_MASTER_KEY'));

  it('refuses another IDENTITY_MASTER_KEY, naming the variable, and starts again with the right one', async () => {
    const { app, account } = await storeWithAnAccount({ masterKey });
    try {
      const refused = await startExpectingExit({ ...withoutService(app.env), IDENTITY_MASTER_KEY: randomBytes(32).toString('base64') });
      expect(refused.exitCode).not.toBe(0);
      expect(refused.output).toContain('IDENTITY_MASTER_KEY');
      expect(findStackTraces(refused.output)).toEqual([]);
      await app.restart();
      await expect(
        login({ graphqlUrl: app.graphqlUrl }, { loginName: account.loginName, password: account.password }),
      ).resolves.toMatchObject({ status: 'SUCCEEDED' });
    } finally {
      await app.dispose();
    }
  });

  it('refuses a start whose development master.key was deleted (a new one would be generated)', async () => {
    const { app } = await storeWithAnAccount({});
    try {
      rmSync(join(app.dataDir, 'master.key'));
      const refused = await startExpectingExit(withoutService(app.env));
      expect(refused.exitCode).not.toBe(0);
      expect(refused.output).toContain('IDENTITY_MASTER_KEY');
    } finally {
      await app.dispose();
    }
  });

  it('refuses a start without keys.db while the event store holds events, naming keys.db', async () => {
    const { app } = await storeWithAnAccount({ masterKey });
    try {
      for (const file of ['keys.db', 'keys.db-wal', 'keys.db-shm']) rmSync(join(app.dataDir, file), { force: true });
      const refused = await startExpectingExit({ ...withoutService(app.env), IDENTITY_MASTER_KEY: masterKey });
      expect(refused.exitCode).not.toBe(0);
      expect(refused.output).toContain('keys.db');
      expect(findStackTraces(refused.output)).toEqual([]);
    } finally {
      await app.dispose();
    }
  });
});
