import { randomBytes, randomUUID } from 'node:crypto';
import { accountSecurity, completeLogin, login, registerAccount, send } from '../support/flow';
import { startAppForSuite } from '../support/app-for-suite';
import { errorCodes, GqlError, GqlResponse } from '../support/graphql-client';
import { AddressedClient, clientAt, codeOf, firstError, GENEROUS_RATE_LIMITS, payloadOf } from '../support/lockout-client';
import { runCli } from '../support/cli-process';
import { waitUntilPast } from '../support/polling';
import { newAccountDetails, protectWithTotp, registerAndLogin } from '../support/protected-account';
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

/**
 * The lockout of docs/adr/0005-lockout.md, attacked over HTTP from several client addresses (the
 * app trusts one proxy hop, so X-Forwarded-For names the address). Rate limits are raised: this
 * suite fires many logons from few clients on purpose.
 */
describe('a lockout that protects the owner', () => {
  const suite = startAppForSuite({ lockoutDurationSeconds: 60, env: { TRUST_PROXY: '1', ...GENEROUS_RATE_LIMITS } });
  const at = (address: string) => clientAt(suite.api.graphqlUrl, address);

  it('lets the owner log on from another address while an attacker who knows the login name is locked out', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    const attacker = at('198.51.100.10');
    const wrong = { loginName: account.loginName, password: `${account.password}-guess` };
    const answers = [];
    for (let i = 0; i < THRESHOLD + 3; i++) answers.push(codeOf(await attacker.login(wrong)));
    expect(answers).toEqual([...Array(THRESHOLD - 1).fill('INVALID_CREDENTIALS'), ...Array(4).fill('ACCOUNT_LOCKED')]);
    const right = { loginName: account.loginName, password: account.password };
    expect(codeOf(await attacker.login(right))).toBe('ACCOUNT_LOCKED');

    const owner = at('203.0.113.50');
    const started = payloadOf(await owner.login(right), 'login');
    expect(started.status).toBe('MFA_REQUIRED');
    const code = await account.authenticator.nextCode();
    const done = payloadOf(await owner.completeLogin({ challengeId: started.challenge?.challengeId ?? '', code }), 'completeLogin');
    expect(done.status).toBe('SUCCEEDED');
    expect((await accountSecurity(suite.api, done.session?.token ?? '', account.accountId))?.lockedUntil).toBeNull();
  });

  it('refuses challenge ids forged from a known account id without counting them against the account', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    const attacker = at('198.51.100.11');
    for (let i = 0; i < 20; i++) {
      const payload = Buffer.from(`${account.accountId}:${randomUUID()}`, 'utf8').toString('base64url');
      const forged = i % 2 === 0 ? payload : `${payload}.${randomBytes(32).toString('base64url')}`;
      expect(codeOf(await attacker.completeLogin({ challengeId: forged, code: account.authenticator.wrongCode() }))).toBe('INVALID_CODE');
    }
    const owner = at('198.51.100.11');
    const started = payloadOf(await owner.login({ loginName: account.loginName, password: account.password }), 'login');
    const code = await account.authenticator.nextCode();
    const done = payloadOf(await owner.completeLogin({ challengeId: started.challenge?.challengeId ?? '', code }), 'completeLogin');
    expect(done.status).toBe('SUCCEEDED');
  });

  it('answers a wrong password, an unknown name and a locked address alike, with the same lockedUntil shape', async () => {
    const account = await registerAndLogin(suite.api);
    const attempts = async (client: AddressedClient, loginName: string) => {
      const answers = [];
      for (let i = 0; i < THRESHOLD + 1; i++) answers.push(await client.login({ loginName, password: 'Not-the-passw0rd!' }));
      return answers;
    };
    const known = await attempts(at('198.51.100.12'), account.loginName);
    const unknown = await attempts(at('198.51.100.12'), `nobody${randomBytes(5).toString('hex')}`);
    const expected = [...Array(THRESHOLD - 1).fill('INVALID_CREDENTIALS'), 'ACCOUNT_LOCKED', 'ACCOUNT_LOCKED'];
    expect(known.map(codeOf)).toEqual(expected);
    expect(unknown.map(codeOf)).toEqual(expected);
    const shape = (response: GqlResponse) => {
      const error = firstError(response);
      return {
        message: error?.message,
        keys: Object.keys(error?.extensions ?? {}).sort(),
        lockedUntil: expectLockedUntilWithin(error, 65),
      };
    };
    const lockedKnown = shape(defined(known.at(-1), 'the last known-name answer'));
    const lockedUnknown = shape(defined(unknown.at(-1), 'the last unknown-name answer'));
    expect({ ...lockedKnown, lockedUntil: 'ISO' }).toEqual({ ...lockedUnknown, lockedUntil: 'ISO' });
    expect(firstError(defined(known[0], 'the first answer'))?.message).toBe(firstError(defined(unknown[0], 'the first answer'))?.message);
  });

  it('unlocks from the CLI too: `accounts unlock ACCOUNT_ID` lifts an address lock (a lock that outlives the CLI start)', async () => {
    const account = await registerAndLogin(suite.api);
    const attacker = at('198.51.100.13');
    for (let i = 0; i < THRESHOLD; i++) await attacker.login({ loginName: account.loginName, password: 'Wr0ng-password!' });
    const right = { loginName: account.loginName, password: account.password };
    expect(codeOf(await attacker.login(right))).toBe('ACCOUNT_LOCKED');
    const result = await runCli(['accounts', 'unlock', account.accountId], suite.app.env);
    expect({ exitCode: result.exitCode, stdout: result.stdout.trim() }).toEqual({
      exitCode: 0,
      stdout: `unlocked account ${account.accountId}`,
    });
    expect(payloadOf(await attacker.login(right), 'login').status).toBe('SUCCEEDED');
  });

  it('never answers CONFLICT: 50 parallel wrong passwords from 50 addresses and a right logon at the same time', async () => {
    const owner = at('203.0.113.60');
    const details = newAccountDetails();
    await registerAccount(suite.api, details);
    const credentials = { loginName: details.loginName, password: details.password };
    expect(payloadOf(await owner.login(credentials), 'login').status).toBe('SUCCEEDED');
    const wrong = Array.from({ length: 50 }, (_, i) =>
      at(`192.0.2.${i + 1}`).login({ loginName: details.loginName, password: `wrong-${i}` }),
    );
    const right = owner.login(credentials);
    const answers = await Promise.all([...wrong, right]);
    const codes = answers.map(codeOf);
    expect(codes.filter((c) => c === 'CONFLICT')).toEqual([]);
    expect(codes.at(-1)).toBe('OK');
    expect(new Set(codes.slice(0, -1))).toEqual(
      new Set(['INVALID_CREDENTIALS', ...(codes.includes('ACCOUNT_LOCKED') ? ['ACCOUNT_LOCKED'] : [])]),
    );
  });
});

function expectLockedUntilWithin(error: GqlError | undefined, seconds: number): string {
  const lockedUntil = String(error?.extensions?.lockedUntil);
  expect(Date.parse(lockedUntil)).toBeGreaterThan(Date.now());
  expect(Date.parse(lockedUntil)).toBeLessThanOrEqual(Date.now() + seconds * 1000);
  expect(error?.extensions?.permanent).toBe(false);
  return lockedUntil;
}
