import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AppProcess } from '../support/app-process';
import { runCli } from '../support/cli-process';
import { findStackTraces } from '../support/graphql-client';
import { eventually } from '../support/polling';
import { DeliveryReceivers } from '../support/delivery-receivers';
import { Api, login } from '../support/flow';
import { detailedHealth } from '../support/health-client';
import { ProtectedAccount, protectWithTotp, RegisteredAccount, registerAndLogin } from '../support/protected-account';

interface Health {
  status: string;
  integrity: { streamId: string; revision: string; kind: string }[];
}

// Issue 13, "corrupted events are used as they are": the command path checks the chain of what it
// reads, refuses to decide on a damaged stream with a clear code, and says so on /health.
describe('a stream that fails its hash chain', () => {
  let receivers: DeliveryReceivers;
  let app: AppProcess;
  let api: Api;
  let alice: ProtectedAccount;
  let bob: RegisteredAccount;
  let carol: RegisteredAccount;
  const withEvents = <T>(body: (db: Database.Database) => T): T => {
    const db = new Database(join(app.dataDir, 'events.db'));
    try {
      return body(db);
    } finally {
      db.close();
    }
  };
  const codeOf = (attempt: Promise<unknown>) =>
    attempt.then(
      () => 'SUCCEEDED',
      (error: Error) => /\b[A-Z_]{5,}\b/.exec(error.message)?.[0],
    );

  beforeAll(async () => {
    receivers = await DeliveryReceivers.start();
    app = await AppProcess.start(receivers.appOptions);
    api = { graphqlUrl: app.graphqlUrl };
    alice = await protectWithTotp(api, receivers, 'SMS');
    bob = await registerAndLogin(api);
    await login(api, { loginName: bob.loginName, password: bob.password }); // revision 2, after the one deleted below
    carol = await registerAndLogin(api);
    await app.stop();
    withEvents((db) => {
      // One changed character of alice's stored password hash (still JSON, still a hash's alphabet).
      const registered = db
        .prepare("SELECT event_id, data FROM events WHERE stream_id = ? AND type = 'AccountRegistered'")
        .get(`account-${alice.accountId}`) as { event_id: string; data: string };
      const changed = registered.data.replace(
        /(\$argon2id\$[^"]*)([A-Za-z])([^A-Za-z"]*)"/,
        (_m, head: string, c: string, tail: string) => `${head}${c === 'A' ? 'B' : 'A'}${tail}"`,
      );
      expect(changed).not.toBe(registered.data);
      db.prepare('UPDATE events SET data = ? WHERE event_id = ?').run(changed, registered.event_id);
      // bob's second event deleted: a gap in his revisions.
      db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = 1').run(`account-${bob.accountId}`);
    });
    await app.restart();
  });
  afterAll(async () => {
    await app?.dispose();
    await receivers?.close();
  });

  it('refuses to log on from a changed event, with its own code rather than a wrong password', async () => {
    expect(await codeOf(login(api, { loginName: alice.loginName, password: alice.password }))).toBe('INTEGRITY_CHECK_FAILED');
    expect(await codeOf(login(api, { loginName: bob.loginName, password: bob.password }))).toBe('INTEGRITY_CHECK_FAILED');
  });

  it('keeps serving every other account', async () => {
    expect(await codeOf(login(api, { loginName: carol.loginName, password: carol.password }))).toBe('SUCCEEDED');
  });

  it('says degraded on /health, and names each damaged stream and what is wrong to an admin', async () => {
    await codeOf(login(api, { loginName: alice.loginName, password: alice.password }));
    await codeOf(login(api, { loginName: bob.loginName, password: bob.password }));
    const anonymous = await fetch(`${app.baseUrl}/health`);
    expect([anonymous.status, await anonymous.json()]).toEqual([200, { status: 'degraded' }]);
    const detailed = await detailedHealth<Health>(app);
    expect(detailed.body.status).toBe('degraded');
    expect(detailed.body.integrity).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ streamId: `account-${alice.accountId}`, revision: '0', kind: 'hash' }),
        expect.objectContaining({ streamId: `account-${bob.accountId}`, revision: '2', kind: 'revision' }),
      ]),
    );
    expect(app.log()).toMatch(new RegExp(`refused to decide on a damaged stream: stream account-${alice.accountId} at revision 0`));
  });
});

// Issue 13: one unreadable event stopped both projections for good, silently, and `projections
// rebuild` then failed. Now each read model stops there with a clear state and the rebuild names it.
describe('an unreadable event met by the projections', () => {
  let receivers: DeliveryReceivers;
  let app: AppProcess;
  let api: Api;
  let alice: RegisteredAccount;
  let victim: { event_id: string; position: number };

  beforeAll(async () => {
    receivers = await DeliveryReceivers.start();
    app = await AppProcess.start(receivers.appOptions);
    api = { graphqlUrl: app.graphqlUrl };
    alice = await registerAndLogin(api);
    const bob = await registerAndLogin(api);
    await app.stop();
    const db = new Database(join(app.dataDir, 'events.db'));
    try {
      victim = db
        .prepare("SELECT event_id, position FROM events WHERE stream_id = ? AND type = 'AccountRegistered'")
        .get(`account-${bob.accountId}`) as { event_id: string; position: number };
      db.prepare("UPDATE events SET data = '{\"truncated' WHERE event_id = ?").run(victim.event_id);
    } finally {
      db.close();
    }
  });
  afterAll(async () => {
    await app?.dispose();
    await receivers?.close();
  });

  it('makes `projections rebuild` exit 1 naming the position of the damaged event', async () => {
    const result = await runCli(['projections', 'rebuild'], app.env);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`stopped at the damaged event at position ${victim.position} \\(account-[0-9a-f-]+@0\\)`));
    expect(findStackTraces(result.stderr)).toEqual([]);
  });

  it('stops each read model at the event with a clear state on /health, while the service goes on', async () => {
    for (const file of readdirSync(app.dataDir).filter((name) => name.startsWith('read-models.db'))) rmSync(join(app.dataDir, file));
    await app.restart(); // fresh read models: the projections replay from the first event and meet the damaged one
    const detailed = await eventually(
      () => detailedHealth<{ status: string; projections: { name: string; damage: { position: string } | null }[] }>(app),
      (answer) => answer.body.projections?.every((p) => p.damage !== null) ?? false,
    );
    expect(detailed.body.status).toBe('degraded');
    expect(detailed.body.projections.map((p) => p.damage?.position)).toEqual(detailed.body.projections.map(() => String(victim.position)));
    const anonymous = await fetch(`${app.baseUrl}/health`);
    expect([anonymous.status, await anonymous.json()]).toEqual([200, { status: 'degraded' }]);
    expect((await login(api, { loginName: alice.loginName, password: alice.password })).status).toBe('SUCCEEDED');
  });
});
