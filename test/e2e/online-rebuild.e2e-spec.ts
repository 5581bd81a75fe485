import { startAppForSuite } from '../support/app-for-suite';
import { runCli, startCli } from '../support/cli-process';
import { accountSecurity, me } from '../support/flow';
import { eventually } from '../support/polling';
import { planPostgresTestDatabase, PostgresTestDatabase } from '../support/postgres-test-database';
import { loginWithTotp, protectWithTotp, registerAndLogin } from '../support/protected-account';
import { readModelTables, readUntil, seedAccountEvents, waitForAccountSecurity } from '../support/rebuild-under-load';

/**
 * Prior events, so that rebuilding account_security.v3 takes seconds (many batches): fewer on
 * PostgreSQL, where each event costs round trips.
 */
const PRIOR_EVENTS = { sqlite: 40_000, postgres: 10_000 };
const FIRST_PROGRESS = /projections rebuild: \d+ events, /; // a progress line, not the final summary

// Issue 13: `projections rebuild` of a large store stalled a running service (SQLite: p99 12.6 s, 5 s
// waits on requests touching no database; PostgreSQL: the live read models froze for the whole
// rebuild). Now the rebuild builds new tables while the old ones serve, and swaps them in.
describe.each(['sqlite', 'postgres'] as const)('projections rebuild while the app serves (%s read models)', (dialect) => {
  let database: PostgresTestDatabase | null = null;
  if (dialect === 'postgres') {
    database = planPostgresTestDatabase();
    beforeAll(() => database?.create());
    afterAll(() => database?.drop());
  }
  const suite = startAppForSuite(() => ({ env: database ? { READ_MODEL_URL: database.url } : ({} as Record<string, string>) }));
  // A progress line every 200 ms rather than every 3 s: on a quiet machine the whole rebuild takes
  // about that long, and the tests act once the first line says it is under way.
  const rebuildEnv = () => ({ ...suite.app.env, PROGRESS_INTERVAL_MS: '200' });
  let token: string;
  let accountId: string;
  let expected: unknown;

  beforeAll(async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    accountId = account.accountId;
    token = (await loginWithTotp(suite.api, account)).token;
    const mine = await eventually(
      () => me(suite.api, token),
      (read) => read?.security.totpBound === true,
    );
    expected = mine?.security;
    await suite.app.stop();
    await seedAccountEvents(suite.app, PRIOR_EVENTS[dialect]);
    // Projected by a rebuild with the app stopped: faster than the live runner's one transaction per event.
    const first = await runCli(['projections', 'rebuild'], suite.app.env, 240_000);
    expect(first.exitCode).toBe(0);
    await suite.app.restart();
    await waitForAccountSecurity(suite.app);
  }, 300_000);

  it('answers every me and accountSecurity right during the rebuild, and keeps projecting new events', async () => {
    const rebuild = startCli(['projections', 'rebuild'], rebuildEnv());
    const tally = readUntil(suite.api, token, accountId, expected, rebuild.done);
    await rebuild.waitForStderr(FIRST_PROGRESS);
    // A new account while the rebuild runs: the live read model has it at once, the rebuilt one after the swap.
    const newcomer = await registerAndLogin(suite.api);
    const seen = await eventually(
      () => me(suite.api, newcomer.token),
      (read) => read?.security.accountId === newcomer.accountId,
    );
    expect(seen?.security.accountId).toBe(newcomer.accountId);
    // Seen while account_security.v3 was still being rebuilt: its live table was never frozen.
    expect(rebuild.stderr()).not.toMatch(/caught up/);
    const result = await rebuild.done;
    expect({ exitCode: result.exitCode, stderr: result.stderr }).toMatchObject({ exitCode: 0 });
    expect(result.stderr).toMatch(/projections rebuild: caught up after \d+ events; swapping the rebuilt tables in/);
    expect(result.stdout).toMatch(/rebuilt account_security\.v3 from \d+ events/);
    const { answers, wrong } = await tally;
    expect(wrong).toEqual([]);
    expect(answers).toBeGreaterThan(20);
    expect((await me(suite.api, newcomer.token))?.security.accountId).toBe(newcomer.accountId);
    expect(await accountSecurity(suite.api, token, accountId)).toEqual(expected);
  }, 300_000);

  it('leaves the old read models serving when the rebuild is killed, and a new rebuild completes', async () => {
    const killed = startCli(['projections', 'rebuild'], rebuildEnv());
    const tally = readUntil(suite.api, token, accountId, expected, killed.done);
    await killed.waitForStderr(FIRST_PROGRESS);
    killed.kill();
    expect((await killed.done).exitCode).toBeNull();
    expect((await tally).wrong).toEqual([]);
    // What it left: its half-built table and its row in projection_rebuilds; the live tables serve on.
    expect(await readModelTables(suite.app, database?.url ?? null)).toEqual(
      expect.arrayContaining(['account_security_v3', 'account_security_v3__rebuild', 'projection_rebuilds']),
    );
    expect(await accountSecurity(suite.api, token, accountId)).toEqual(expected);
    const newcomer = await registerAndLogin(suite.api);
    const seen = await eventually(
      () => me(suite.api, newcomer.token),
      (read) => read?.security.accountId === newcomer.accountId,
    );
    expect(seen?.security.accountId).toBe(newcomer.accountId);

    const again = await runCli(['projections', 'rebuild'], suite.app.env, 240_000);
    expect({ exitCode: again.exitCode, stderr: again.stderr }).toMatchObject({ exitCode: 0 });
    expect((await readModelTables(suite.app, database?.url ?? null)).filter((t) => t.endsWith('__rebuild'))).toEqual([]);
    expect((await me(suite.api, newcomer.token))?.security.accountId).toBe(newcomer.accountId);
    expect((await me(suite.api, token))?.security).toEqual(expected);
  }, 300_000);
});
