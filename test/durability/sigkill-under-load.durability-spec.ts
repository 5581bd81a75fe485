import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AppProcess } from '../support/app-process';
import { runCli } from '../support/cli-process';
import { DeliveryReceivers } from '../support/delivery-receivers';
import { Api, login, registerAccount } from '../support/flow';
import { newAccountDetails } from '../support/protected-account';
import { SCALE } from './durability-scale';

interface Acknowledged {
  accountId: string;
  loginName: string;
  password: string;
}

const WORKERS = 4;

/** Registers accounts, then logs each on, until the server stops answering; returns what it acknowledged. */
async function loadUntilDown(api: Api, acknowledged: Acknowledged[]): Promise<void> {
  for (;;) {
    const details = newAccountDetails();
    try {
      const { accountId } = await registerAccount(api, details);
      acknowledged.push({ accountId, loginName: details.loginName, password: details.password });
      await login(api, { loginName: details.loginName, password: details.password });
    } catch (error) {
      // fetch failed (a TypeError of Node's realm, not Jest's): the server is gone; what it did not answer is not acknowledged
      if ((error as Error).message === 'fetch failed') return;
      throw error;
    }
  }
}

// Issue 13, "a durability suite kept in the project": SIGKILL under load, every acknowledged write
// found once afterwards, no gaps, the chain intact, the read models equal to a rebuild.
describe('SIGKILL under load', () => {
  let receivers: DeliveryReceivers;
  let app: AppProcess;
  let api: Api;
  const acknowledged: Acknowledged[] = [];

  beforeAll(async () => {
    receivers = await DeliveryReceivers.start();
    // One client hammers the service: the per-address limits are not what this suite is about.
    app = await AppProcess.start({
      ...receivers.appOptions,
      env: { RATE_LIMIT_REGISTRATION_PER_ADDRESS: '100000/60', RATE_LIMIT_LOGON_PER_ADDRESS: '100000/60' },
    });
    api = { graphqlUrl: app.graphqlUrl };
  });
  afterAll(async () => {
    await app?.dispose();
    await receivers?.close();
  });

  it.each(Array.from({ length: SCALE.killRounds }, (_, i) => i + 1))('loses and duplicates nothing acknowledged (round %i)', async () => {
    const before = acknowledged.length;
    let finished = false;
    const load = Promise.all(Array.from({ length: WORKERS }, () => loadUntilDown(api, acknowledged))).finally(() => (finished = true));
    while (acknowledged.length < before + 20 && !finished) await new Promise((resolve) => setTimeout(resolve, 20));
    await app.kill();
    await load;
    await app.restart();
    const events = new Database(join(app.dataDir, 'events.db'), { readonly: true });
    try {
      for (const account of acknowledged) {
        const revisions = events
          .prepare('SELECT revision, type FROM events WHERE stream_id = ? ORDER BY revision')
          .all(`account-${account.accountId}`) as { revision: number; type: string }[];
        expect(revisions.map((r) => r.revision)).toEqual(revisions.map((_, n) => n));
        expect(revisions.filter((r) => r.type === 'AccountRegistered')).toHaveLength(1);
      }
    } finally {
      events.close();
    }
    for (const account of acknowledged.slice(before)) {
      expect((await login(api, { loginName: account.loginName, password: account.password })).status).toBe('SUCCEEDED');
    }
  });

  it('ends with an intact hash chain and read models equal to a rebuild (audit verify)', async () => {
    expect(acknowledged.length).toBeGreaterThan(0);
    const verify = await runCli(['audit', 'verify'], app.env);
    process.stderr.write(
      `sigkill: ${SCALE.killRounds} rounds, ${acknowledged.length} acknowledged registrations, each found once without gaps; ${verify.stdout.split('\n')[0]}\n`,
    );
    expect(verify.stdout).toMatch(/^audit verify: OK/m);
    expect(verify.exitCode).toBe(0);
  });
});
