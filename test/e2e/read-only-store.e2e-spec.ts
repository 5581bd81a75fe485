import { execFileSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppProcess, chownRecursively } from '../support/app-process';
import { me, registerAccount } from '../support/flow';
import { errorCodes, gql } from '../support/graphql-client';
import { adminKeyOf, detailedHealth } from '../support/health-client';
import { eventually } from '../support/polling';
import { newAccountDetails, registerAndLogin } from '../support/protected-account';

const REGISTER = 'mutation($i: RegisterAccountInput!) { registerAccount(input: $i) { accountId } }';

interface Health {
  dependencies: { name: string; up: boolean; detail?: string }[];
}

/** The user the app runs as: root (the tests' user) writes whatever the file modes say. */
const nobody = {
  uid: Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim()),
  gid: Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim()),
};
const modeOf = (file: string) => (statSync(file, { throwIfNoEntry: false })?.mode ?? 0) & 0o777;

/**
 * Issue 13: "A start with a read-only events.db leaves its -wal/-shm files read-only, so writes keep
 * failing after the operator fixes events.db." A read-only store answers UNAVAILABLE with nothing
 * appended and /health 503 naming it; once events.db is writable again the same process writes (and a
 * restart does too), whatever modes SQLite gave the journal files. Needs root, to run the app as nobody.
 */
describe('a read-only events.db', () => {
  let app: AppProcess;
  let token: string;
  const events = () => join(app.dataDir, 'events.db');

  beforeEach(async () => {
    app = await AppProcess.start({ runAs: nobody, env: { AUDIT_DIGEST_INTERVAL_SECONDS: '86400' } });
    ({ token } = await registerAndLogin({ graphqlUrl: app.graphqlUrl }));
    await app.stop();
    await adminKeyOf(app); // the CLI (root) writes the key while the store is writable
    chownRecursively(app.dataDir, nobody);
    chmodSync(events(), 0o444);
    await app.restart();
  });
  afterEach(() => app?.dispose());

  const register = () => gql(app.graphqlUrl, REGISTER, { i: newAccountDetails() });

  async function expectRefusedAndNamed(): Promise<void> {
    expect(errorCodes(await register())).toEqual(['UNAVAILABLE']);
    const health = await detailedHealth<Health>(app);
    expect(health.status).toBe(503);
    expect(health.body.dependencies).toContainEqual(
      expect.objectContaining({ name: 'event-store (sqlite)', up: false, detail: expect.stringContaining('read-only') }),
    );
    await expect(me({ graphqlUrl: app.graphqlUrl }, token)).resolves.toMatchObject({ accountId: expect.any(String) });
    // What SQLite does: the journal files it creates get the database file's read-only mode.
    expect(modeOf(`${events()}-wal`)).toBe(0o444);
    expect(modeOf(`${events()}-shm`)).toBe(0o444);
  }

  it('answers UNAVAILABLE and 503 naming the store, and writes again without a restart once events.db is writable', async () => {
    await expectRefusedAndNamed();
    chmodSync(events(), 0o644);
    const health = await eventually(
      () => detailedHealth<Health>(app),
      (answer) => answer.status === 200,
    );
    expect(health.status).toBe(200);
    expect((await register()).body.errors).toBeUndefined();
    expect([modeOf(`${events()}-wal`), modeOf(`${events()}-shm`)]).toEqual([0o644, 0o644]);
  });

  it('writes after a restart once events.db is writable, though the journal files were left read-only', async () => {
    await expectRefusedAndNamed();
    await app.stop();
    expect(modeOf(`${events()}-shm`)).toBe(0o444);
    chmodSync(events(), 0o644);
    await app.restart();
    await expect(registerAccount({ graphqlUrl: app.graphqlUrl }, newAccountDetails())).resolves.toMatchObject({
      accountId: expect.any(String),
    });
    expect((await detailedHealth<Health>(app)).status).toBe(200);
  });
});
