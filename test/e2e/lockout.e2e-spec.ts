import { completeLogin, login, send } from '../support/flow';
import { startAppForSuite } from '../support/app-for-suite';
import { errorCodes, GqlError, GqlResponse } from '../support/graphql-client';
import { waitUntilPast } from '../support/polling';
import { protectWithTotp, registerAndLogin } from '../support/protected-account';
import { defined } from '@identity/testing';

const THRESHOLD = 5; // the default LOCKOUT_THRESHOLD
const LOCK_SECONDS = 3;

/**
 * Sends failing attempts until the account locks. The first THRESHOLD - 1 fail with `failureCode`;
 * the THRESHOLD-th either says ACCOUNT_LOCKED itself or fails and the next attempt says it.
 */
async function failUntilLocked(attempt: () => Promise<GqlResponse>, failureCode: string): Promise<GqlError> {
  const codes: string[] = [];
  for (let i = 1; i <= THRESHOLD + 1; i++) {
    const answer = await attempt();
    expect(answer.status).toBeLessThan(500);
    codes.push(errorCodes(answer).join(','));
    if (codes[codes.length - 1] === 'ACCOUNT_LOCKED') {
      expect(codes.slice(0, THRESHOLD - 1)).toEqual(Array(THRESHOLD - 1).fill(failureCode));
      expect(i).toBeGreaterThanOrEqual(THRESHOLD);
      return defined((answer.body.errors ?? [])[0], 'the ACCOUNT_LOCKED error');
    }
  }
  throw new Error(`no ACCOUNT_LOCKED after ${THRESHOLD + 1} failures: ${codes.join(' ')}`);
}

function expectLockedUntilInFuture(error: GqlError): string {
  const lockedUntil = String(error.extensions?.lockedUntil);
  expect(lockedUntil).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  expect(Date.parse(lockedUntil)).toBeGreaterThan(Date.now());
  expect(Date.parse(lockedUntil)).toBeLessThanOrEqual(Date.now() + (LOCK_SECONDS + 5) * 1000);
  return lockedUntil;
}

describe('locking an account after consecutive failures', () => {
  const suite = startAppForSuite({ lockoutDurationSeconds: LOCK_SECONDS });

  it('locks after five wrong TOTP codes, refuses even the right password while locked, then lets the owner in', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    const credentials = { loginName: account.loginName, password: account.password };
    const started = await login(suite.api, credentials);
    expect(started.status).toBe('MFA_REQUIRED');
    const challengeId = started.challenge?.challengeId ?? '';
    const wrong = account.authenticator.wrongCode();

    const locked = await failUntilLocked(() => send(suite.api, 'completeLogin', { input: { challengeId, code: wrong } }), 'INVALID_CODE');
    const lockedUntil = expectLockedUntilInFuture(locked);

    const whileLocked = await send(suite.api, 'login', { input: credentials });
    expect(errorCodes(whileLocked)).toEqual(['ACCOUNT_LOCKED']);
    expect(Date.parse(String(whileLocked.body.errors?.[0]?.extensions?.lockedUntil))).toBe(Date.parse(lockedUntil));

    await waitUntilPast(lockedUntil);
    const again = await login(suite.api, credentials);
    expect(again.status).toBe('MFA_REQUIRED');
    const done = await completeLogin(suite.api, {
      challengeId: again.challenge?.challengeId ?? '',
      code: await account.authenticator.nextCode(),
    });
    expect(done.status).toBe('SUCCEEDED');
    expect(done.session?.token).toEqual(expect.any(String));
  });

  it('locks after five wrong passwords, refuses the right password while locked, then accepts it', async () => {
    const account = await registerAndLogin(suite.api);
    const credentials = { loginName: account.loginName, password: account.password };
    const wrong = { loginName: account.loginName, password: `${account.password}-wrong` };

    const locked = await failUntilLocked(() => send(suite.api, 'login', { input: wrong }), 'INVALID_CREDENTIALS');
    const lockedUntil = expectLockedUntilInFuture(locked);

    const whileLocked = await send(suite.api, 'login', { input: credentials });
    expect(errorCodes(whileLocked)).toEqual(['ACCOUNT_LOCKED']);

    await waitUntilPast(lockedUntil);
    const again = await login(suite.api, credentials);
    expect(again).toMatchObject({ status: 'SUCCEEDED', session: { accountId: account.accountId } });
  });
});
