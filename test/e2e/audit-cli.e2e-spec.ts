import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { KurrentDbTestServer } from '../kurrentdb-test-server';
import { AppProcess } from '../support/app-process';
import { CliResult, runCli } from '../support/cli-process';
import { DeliveryReceivers } from '../support/delivery-receivers';
import { Api } from '../support/flow';
import { eventually } from '../support/polling';
import { ProtectedAccount, protectWithTotp } from '../support/protected-account';

interface EventRow {
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
}

const mismatches = (result: CliResult) => result.stdout.split('\n').filter((line) => line.startsWith('MISMATCH '));

// Issue 4, acceptance 3 and 4: `audit verify` holds on an intact store, names a changed event and
// catches a deleted tail; `audit export` is CloudEvents without a secret in clear.
describe('audit CLI on the SQLite store of a real run', () => {
  let receivers: DeliveryReceivers;
  let app: AppProcess;
  let account: ProtectedAccount;
  let eventsDb: string;
  const cli = (...args: string[]) => runCli(['audit', ...args], app.env);
  const withEvents = <T>(body: (db: Database.Database) => T): T => {
    const db = new Database(eventsDb);
    try {
      return body(db);
    } finally {
      db.close();
    }
  };
  const digestCount = () =>
    withEvents((db) => (db.prepare("SELECT count(*) AS n FROM events WHERE stream_id LIKE 'auditdigest-%'").get() as { n: number }).n);

  beforeAll(async () => {
    receivers = await DeliveryReceivers.start();
    app = await AppProcess.start({ ...receivers.appOptions, env: { AUDIT_DIGEST_INTERVAL_SECONDS: '1' } });
    eventsDb = join(app.dataDir, 'events.db');
    const api: Api = { graphqlUrl: app.graphqlUrl };
    account = await protectWithTotp(api, receivers, 'SMS');
    // The app digests on its own once a second when something changed.
    await eventually(
      async () => digestCount(),
      (n) => n > 0,
    );
    await app.stop();
  });
  afterAll(async () => {
    await app?.dispose();
    await receivers?.close();
  });

  it('verifies the intact store with the digest the app wrote, exit 0 and a summary', async () => {
    expect(digestCount()).toBeGreaterThan(0);
    expect(statSync(join(app.dataDir, 'audit-signing.key')).mode & 0o777).toBe(0o600);
    const result = await cli('verify');
    expect(result).toMatchObject({ exitCode: 0 });
    expect(result.stdout.trim()).toMatch(/^audit verify: OK: \d+ events in \d+ streams, \d+ digests?, the last at position \d+/);
    expect(result.stdout).toMatch(/account_security_v3: 1 rows compared; audit_history_v1: \d+ rows compared/);
  });

  it('reports progress of its long runs on stderr as plain lines (no terminal), stdout staying machine-readable', async () => {
    const summary = (command: string) => new RegExp(`^${command}: \\d+ events in \\d+\\.\\d s \\(\\d+ events/s\\)$`, 'm');
    const verify = await cli('verify');
    expect(verify.stderr).toMatch(summary('audit verify'));
    expect(verify.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^audit verify: OK: /)]);
    const exported = await cli('export');
    expect(exported.stderr).toMatch(summary('audit export'));
    for (const line of exported.stdout.trim().split('\n')) expect(JSON.parse(line)).toHaveProperty('specversion', '1.0');
    const rebuilt = await runCli(['projections', 'rebuild'], app.env);
    expect(rebuilt.exitCode).toBe(0);
    expect(rebuilt.stderr).toMatch(summary('projections rebuild'));
    expect(
      rebuilt.stdout
        .trim()
        .split('\n')
        .every((line) => /^rebuilt \S+ from \d+ events$/.test(line)),
    ).toBe(true);
    // eslint-disable-next-line no-control-regex -- the escape character is what is checked for
    for (const result of [verify, exported, rebuilt]) expect(result.stderr).not.toMatch(/\r|\u001b\[/);
  });

  it('verifies with the published public key alone', async () => {
    const published = await cli('public-key');
    expect(published.exitCode).toBe(0);
    expect(published.stdout).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n$/);
    expect(published.stdout).not.toContain('PRIVATE');
    const file = join(app.dataDir, 'published.pem');
    writeFileSync(file, published.stdout);
    expect((await cli('verify', '--public-key', file)).exitCode).toBe(0);
  });

  it('exports NDJSON CloudEvents with no secret in clear', async () => {
    const result = await cli('export');
    expect(result.exitCode).toBe(0);
    const events = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.length).toBeGreaterThan(8);
    for (const event of events) {
      expect(event).toMatchObject({ specversion: '1.0', source: 'urn:identity-service', datacontenttype: 'application/json' });
      expect(event).toEqual(
        expect.objectContaining({ id: expect.any(String), type: expect.stringMatching(/^identity\.[a-z]+\.[A-Za-z]+$/) }),
      );
    }
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['identity.account.TotpBound', 'identity.auditdigest.AuditDigestSigned']),
    );
    for (const secret of [account.password, account.phone, account.email, account.enrollment.secret, 'enc:v1:', '$argon2']) {
      expect(result.stdout).not.toContain(secret);
    }
    const mine = await cli('export', '--account', account.accountId, '--from', '2000-01-01T00:00:00Z');
    expect(
      mine.stdout
        .trim()
        .split('\n')
        .every((line) => JSON.parse(line).subject === account.accountId),
    ).toBe(true);
  });

  it.each([
    [
      'one digit of a value (still JSON)',
      'hash',
      (data: string) => data.replace(/(\d)(Z")/, (_m, d: string, rest: string) => `${Number(d) ^ 1}${rest}`),
    ],
    ['its first byte (no longer JSON)', 'unreadable', (data: string) => `${String.fromCharCode(data.charCodeAt(0) ^ 1)}${data.slice(1)}`],
  ])('exits 1 naming the event when %s of its stored data is changed', async (_what, kind, change) => {
    const victim = withEvents(
      (db) =>
        db
          .prepare("SELECT event_id, stream_id, revision, type, data FROM events WHERE stream_id = ? AND type = 'ProtectionEnabled'")
          .get(`account-${account.accountId}`) as EventRow,
    );
    const changed = change(victim.data);
    expect(Buffer.from(changed).length).toBe(Buffer.from(victim.data).length);
    expect(changed).not.toBe(victim.data);
    withEvents((db) => db.prepare('UPDATE events SET data = ? WHERE event_id = ?').run(changed, victim.event_id));
    try {
      const result = await cli('verify');
      // One assertion, so that a failure shows what the command printed.
      expect({
        exitCode: result.exitCode,
        mismatches: mismatches(result),
        // Without a summary, standard error in its place: Jest's diff leaves out fields that matched.
        summary: result.stdout.split('\n').find((line) => line.startsWith('audit verify: ')) ?? `none; stderr: ${result.stderr}`,
      }).toEqual({
        exitCode: 1,
        mismatches: expect.arrayContaining([
          expect.stringMatching(new RegExp(`^MISMATCH ${kind} ${victim.stream_id}@${victim.revision} ${victim.event_id}: `)),
        ]),
        summary: expect.stringMatching(/^audit verify: FAILED, \d+ mismatch/),
      });
    } finally {
      withEvents((db) => db.prepare('UPDATE events SET data = ? WHERE event_id = ?').run(victim.data, victim.event_id));
    }
    expect((await cli('verify')).exitCode).toBe(0);
  });

  it('exits 1 when the last event of a stream is deleted after a digest', async () => {
    const digest = await cli('digest');
    expect(digest.exitCode).toBe(0);
    expect(digest.stdout).toMatch(/^wrote audit digest auditdigest-\d{4}-\d\d-\d\d@\d+: the heads of \d+ streams up to position \d+/);
    const stored = withEvents((db) => {
      const row = db
        .prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1')
        .get(`account-${account.accountId}`) as Record<string, unknown>;
      db.prepare('DELETE FROM events WHERE event_id = ?').run(row.event_id);
      return row;
    });
    try {
      const result = await cli('verify');
      expect(result.exitCode).toBe(1);
      // The digest signs the Merkle root of every head: the shortened stream no longer gives it.
      expect(mismatches(result)).toContainEqual(
        expect.stringMatching(
          /^MISMATCH digest-root auditdigest-\S+@\d+ \S+: the heads at position \d+ \(\d+ streams\) do not give the signed Merkle root/,
        ),
      );
    } finally {
      // Put the event back as it was, so that the store is intact for any test that runs later.
      const columns = Object.keys(stored);
      withEvents((db) =>
        db
          .prepare(`INSERT INTO events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
          .run(...columns.map((column) => stored[column])),
      );
    }
    expect((await cli('verify')).exitCode).toBe(0);
  });
});

// "Works the same on SQLite and KurrentDB": the same commands against the KurrentDB protocol.
describe('audit CLI with EVENT_STORE=kurrentdb', () => {
  let server: KurrentDbTestServer;
  let receivers: DeliveryReceivers;
  let app: AppProcess;
  const cli = (...args: string[]) => runCli(['audit', ...args], app.env);

  beforeAll(async () => {
    server = await KurrentDbTestServer.start();
    receivers = await DeliveryReceivers.start();
    app = await AppProcess.start({
      ...receivers.appOptions,
      env: { EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: server.connectionString },
    });
    await protectWithTotp({ graphqlUrl: app.graphqlUrl }, receivers, 'EMAIL');
    await app.stop();
  });
  afterAll(async () => {
    await app?.dispose();
    await receivers?.close();
    await server?.stop();
  });

  it('digests, verifies and exports', async () => {
    const digest = await cli('digest');
    expect(digest.exitCode).toBe(0);
    expect(digest.stderr).toMatch(/^audit digest: \d+ events in \d+\.\d s/m);
    expect(digest.stdout.trim()).toMatch(/^wrote audit digest \S+: the heads of \d+ streams/);
    const verified = await cli('verify');
    expect(verified.stdout).toMatch(/^audit verify: OK: \d+ events in \d+ streams, 1 digest, the last at position \d+/);
    expect(verified.exitCode).toBe(0);
    expect(server.events().some((e) => e.streamId.startsWith('auditdigest-') && e.type === 'AuditDigestSigned')).toBe(true);
    const exported = await cli('export');
    expect(exported.exitCode).toBe(0);
    expect(
      exported.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).specversion),
    ).toContain('1.0');
  });
});
