import { gql } from '../support/graphql-client';
import { startAppForSuite } from '../support/app-for-suite';
import { apiKey, createApiKey, queryTrail } from '../support/audit-trail-client';
import { adminKeyOf } from '../support/health-client';
import { AddressedClient, clientAt, codeOf, firstError, GENEROUS_RATE_LIMITS, payloadOf } from '../support/lockout-client';
import { eventually, waitUntilPast } from '../support/polling';
import { ProtectedAccount, protectWithTotp, registerAndLogin } from '../support/protected-account';

const THRESHOLD = 5;
const LOCK_SECONDS = 1;
/** The total cap, lowered for this suite (LOCKOUT_SECOND_FACTOR_CAP; the default and the NIST bound are 100). */
const TOTAL_CAP = 12;
const UNLOCK = 'mutation($input: UnlockAccountInput!) { unlockAccount(input: $input) { accountId unlocked } }';

/**
 * Second-factor guesses (they need the password) escalate and stop for good at the total cap
 * (docs/adr/0005-lockout.md), attacked over HTTP with the real codes' wrong neighbours. The lock is
 * short (1 s, doubling) and the cap low so that the suite reaches it; rate limits are raised.
 */
describe('second-factor locks that escalate and stop for good', () => {
  const suite = startAppForSuite({
    lockoutThreshold: THRESHOLD,
    lockoutDurationSeconds: LOCK_SECONDS,
    env: { TRUST_PROXY: '1', LOCKOUT_SECOND_FACTOR_CAP: String(TOTAL_CAP), ...GENEROUS_RATE_LIMITS },
  });

  /** `count` wrong codes from `client`, each challenge used for at most its 3 attempts: the answers. */
  async function wrongCodes(client: AddressedClient, account: ProtectedAccount, count: number): Promise<string[]> {
    const answers: string[] = [];
    let challengeId = '';
    for (let i = 0; i < count; i++) {
      if (i % 3 === 0) {
        const started = await client.login({ loginName: account.loginName, password: account.password });
        if (codeOf(started) !== 'OK') return [...answers, `login:${codeOf(started)}`];
        challengeId = payloadOf(started, 'login').challenge?.challengeId ?? '';
      }
      const answer = await client.completeLogin({ challengeId, code: account.authenticator.wrongCode() });
      answers.push(codeOf(answer));
      if (codeOf(answer) === 'ACCOUNT_LOCKED') return answers;
    }
    return answers;
  }

  it('doubles each lock, locks for good at the total cap, refuses even the right password then, until an admin unlocks', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    const attacker = clientAt(suite.api.graphqlUrl, '198.51.100.30');
    const right = { loginName: account.loginName, password: account.password };
    const rounds: string[][] = [];
    for (let round = 0; round < 3; round++) {
      rounds.push(await wrongCodes(attacker, account, THRESHOLD));
      const lockedUntil = firstError(await attacker.login(right))?.extensions?.lockedUntil;
      if (round < 2) await waitUntilPast(String(lockedUntil));
    }
    const fifthLocks = [...Array(THRESHOLD - 1).fill('INVALID_CODE'), 'ACCOUNT_LOCKED'];
    expect(rounds).toEqual([fifthLocks, fifthLocks, ['INVALID_CODE', 'ACCOUNT_LOCKED']]);

    const auditor = apiKey(await createApiKey(suite.app.env, 'auditor'));
    const trail = await eventually(
      () => queryTrail(suite.api.graphqlUrl, auditor, { filter: { accountId: account.accountId, types: ['AccountLocked'] }, first: 10 }),
      (answer) => (answer.body.data?.auditTrail.edges.length ?? 0) >= 3,
    );
    const locks = (trail.body.data?.auditTrail.edges ?? []).map(({ node }) => node.data ?? {});
    const seconds = (lock: Record<string, unknown>) => (Date.parse(String(lock.lockedUntil)) - Date.parse(String(lock.at))) / 1000;
    expect(locks.map((lock) => [lock.scope, lock.level])).toEqual([
      ['SECOND_FACTOR', 1],
      ['SECOND_FACTOR', 2],
      ['SECOND_FACTOR', 3],
    ]);
    expect(locks.slice(0, 2).map(seconds)).toEqual([LOCK_SECONDS, 2 * LOCK_SECONDS]);
    expect(locks[2]?.lockedUntil).toBeNull();

    await new Promise((resolve) => setTimeout(resolve, 3 * LOCK_SECONDS * 1000));
    const stillLocked = await attacker.login(right);
    expect(codeOf(stillLocked)).toBe('ACCOUNT_LOCKED');
    expect(firstError(stillLocked)?.extensions).toMatchObject({ lockedUntil: null, permanent: true });
    expect(codeOf(await clientAt(suite.api.graphqlUrl, '203.0.113.99').login(right))).toBe('ACCOUNT_LOCKED');

    const unlocked = await gql<{ unlockAccount: { unlocked: boolean } }>(
      suite.api.graphqlUrl,
      UNLOCK,
      { input: { accountId: account.accountId } },
      { 'x-api-key': await adminKeyOf(suite.app) },
    );
    expect(unlocked.body).toEqual({ data: { unlockAccount: { accountId: account.accountId, unlocked: true } } });
    const owner = clientAt(suite.api.graphqlUrl, '203.0.113.99');
    const started = payloadOf(await owner.login(right), 'login');
    const code = await account.authenticator.nextCode();
    expect(payloadOf(await owner.completeLogin({ challengeId: started.challenge?.challengeId ?? '', code }), 'completeLogin').status).toBe(
      'SUCCEEDED',
    );
  });

  it('lets only an admin key unlock', async () => {
    const account = await registerAndLogin(suite.api);
    const asPerson = await gql(
      suite.api.graphqlUrl,
      UNLOCK,
      { input: { accountId: account.accountId } },
      { authorization: `Bearer ${account.token}` },
    );
    expect(codeOf(asPerson)).toBe('FORBIDDEN');
    const anonymous = await gql(suite.api.graphqlUrl, UNLOCK, { input: { accountId: account.accountId } });
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
  });
});
