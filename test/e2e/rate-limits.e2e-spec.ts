import { randomInt } from 'node:crypto';
import { RATE_LIMIT_DEFAULTS } from '@identity/config';
import { startAppForSuite } from '../support/app-for-suite';
import { bearer, errorCodes, gql, GqlResponse } from '../support/graphql-client';
import { DOCUMENTS } from '../support/flow';
import { newAccountDetails, registerAndLogin } from '../support/protected-account';
import { newRamUserPassword, RAM_USER_DOCUMENTS } from '../support/ram-users-client';
import { defined } from '@identity/testing';

/** The client addresses the suite plays, through one trusted proxy hop (TRUST_PROXY=1). */
const address = (n: number) => ({ 'x-forwarded-for': `203.0.113.${n}` });
const LOGON_PER_ADDRESS = Number(RATE_LIMIT_DEFAULTS.RATE_LIMIT_LOGON_PER_ADDRESS.split('/')[0]);
const REGISTRATIONS_PER_ADDRESS = Number(RATE_LIMIT_DEFAULTS.RATE_LIMIT_REGISTRATION_PER_ADDRESS.split('/')[0]);
const CODES_PER_DESTINATION = Number(RATE_LIMIT_DEFAULTS.CODES_PER_DESTINATION_PER_DAY);
const VERIFICATIONS_PER_ADDRESS = Number(RATE_LIMIT_DEFAULTS.RATE_LIMIT_VERIFICATION_PER_ADDRESS.split('/')[0]);

function expectRateLimited(answer: GqlResponse): void {
  expect(errorCodes(answer)).toEqual(['RATE_LIMITED']);
  const retryAfter = answer.body.errors?.[0]?.extensions?.retryAfter;
  expect(typeof retryAfter).toBe('number');
  expect(retryAfter).toBeGreaterThan(0);
}

// Issue 9: "no per-client throttling anywhere" and "SMS and email pumping". The app runs with the
// documented defaults (RATE_LIMIT_DEFAULTS); only the proxy hop is configured, to play several addresses.
describe('rate limits', () => {
  const suite = startAppForSuite({ env: { TRUST_PROXY: '1', ...RATE_LIMIT_DEFAULTS } });
  const call = (operation: keyof typeof DOCUMENTS, variables: Record<string, unknown>, headers: Record<string, string>) =>
    gql(suite.app.graphqlUrl, DOCUMENTS[operation], variables, headers);

  it('answers a logon flood from one address RATE_LIMITED with retryAfter, while another address logs on', async () => {
    const owner = await registerAndLogin(suite.api);
    const answers: string[] = [];
    for (let i = 0; i < LOGON_PER_ADDRESS + 5; i++) {
      const guess = await call('login', { input: { loginName: `nobody${i}x`, password: 'guess-a-password' } }, address(1));
      answers.push(errorCodes(guess).join());
      if (i === LOGON_PER_ADDRESS) expectRateLimited(guess);
    }
    expect(answers.slice(0, LOGON_PER_ADDRESS)).toEqual(Array(LOGON_PER_ADDRESS).fill('INVALID_CREDENTIALS'));
    expect(answers.slice(LOGON_PER_ADDRESS)).toEqual(Array(5).fill('RATE_LIMITED'));
    const fromElsewhere = await call('login', { input: { loginName: owner.loginName, password: owner.password } }, address(2));
    expect(fromElsewhere.body.errors).toBeUndefined();
    expect(fromElsewhere.body.data).toMatchObject({ login: { status: 'SUCCEEDED' } });
  });

  it('answers a verification flood from one address RATE_LIMITED, and not another address', async () => {
    const accounts = [await registerAndLogin(suite.api), await registerAndLogin(suite.api), await registerAndLogin(suite.api)];
    const guess = (token: string, from: number) =>
      call(
        'verifyIdentity',
        { input: { verificationId: '00000000-0000-4000-8000-000000000000', code: '123456' } },
        { ...bearer(token), ...address(from) },
      );
    const answers: string[] = [];
    for (let i = 0; i < VERIFICATIONS_PER_ADDRESS + 1; i++) answers.push(errorCodes(await guess(defined(accounts[i % 3]).token, 7)).join());
    expect(answers.slice(0, VERIFICATIONS_PER_ADDRESS)).not.toContain('RATE_LIMITED');
    expect(answers[VERIFICATIONS_PER_ADDRESS]).toBe('RATE_LIMITED');
    expect(errorCodes(await guess(defined(accounts[0]).token, 8))).not.toContain('RATE_LIMITED');
  });

  it('caps registrations per address', async () => {
    for (let i = 0; i < REGISTRATIONS_PER_ADDRESS; i++) {
      expect((await call('registerAccount', { input: newAccountDetails() }, address(3))).body.errors).toBeUndefined();
    }
    expectRateLimited(await call('registerAccount', { input: newAccountDetails() }, address(3)));
    expect((await call('registerAccount', { input: newAccountDetails() }, address(4))).body.errors).toBeUndefined();
  });

  it('caps RAM-user creations per address as registrations, in the same bucket, from one session', async () => {
    const details = newAccountDetails();
    expect((await call('registerAccount', { input: details }, address(50))).body.errors).toBeUndefined();
    const logon = await call('login', { input: { loginName: details.loginName, password: details.password } }, address(50));
    const session = bearer(defined((logon.body.data as { login?: { session?: { token: string } } })?.login?.session?.token));
    const create = (name: string, from: number) =>
      gql(
        suite.app.graphqlUrl,
        RAM_USER_DOCUMENTS.createRamUser,
        { input: { loginName: name, password: newRamUserPassword() } },
        {
          ...session,
          ...address(from),
        },
      );
    const answers: string[] = [];
    for (let i = 0; i <= REGISTRATIONS_PER_ADDRESS; i++) answers.push(errorCodes(await create(`user${i}`, 51)).join() || 'OK');
    expect(answers).toEqual([...Array(REGISTRATIONS_PER_ADDRESS).fill('OK'), 'RATE_LIMITED']);
    expectRateLimited(await create('one-more', 51));
    // The same bucket: a registration and a new RAM-user password from that address are refused too.
    expectRateLimited(await call('registerAccount', { input: newAccountDetails() }, address(51)));
    const created = await create('elsewhere', 52);
    expect(created.body.errors).toBeUndefined();
    const accountId = (created.body.data as { createRamUser: { ramUser: { accountId: string } } }).createRamUser.ramUser.accountId;
    const setPassword = (from: number) =>
      gql(
        suite.app.graphqlUrl,
        RAM_USER_DOCUMENTS.setRamUserPassword,
        { input: { accountId, password: newRamUserPassword() } },
        {
          ...session,
          ...address(from),
        },
      );
    expectRateLimited(await setPassword(51));
    expect((await setPassword(53)).body.errors).toBeUndefined();
  });

  it('sends no second code during the resend cool-down', async () => {
    const account = await registerAndLogin(suite.api);
    const enable = { input: { scenes: ['LOGON'], method: 'SMS', verifyBy: 'SMS' } };
    expect((await call('enableProtection', enable, { ...bearer(account.token), ...address(5) })).body.errors).toBeUndefined();
    await suite.receivers.waitForCode('SMS', account.phone);
    expectRateLimited(await call('enableProtection', enable, { ...bearer(account.token), ...address(6) }));
    expect(suite.receivers.sms.received.filter((sms) => sms.to === account.phone)).toHaveLength(1);
  });

  it(`caps the codes sent to one phone number at ${CODES_PER_DESTINATION} a day, whatever the account`, async () => {
    const phone = `+1555${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;
    const answers: string[] = [];
    for (let i = 0; i <= CODES_PER_DESTINATION; i++) {
      const details = { ...newAccountDetails(), phone };
      const from = address(20 + Math.floor(i / 4));
      await call('registerAccount', { input: details }, from);
      const logon = await call('login', { input: { loginName: details.loginName, password: details.password } }, from);
      const token = (logon.body.data as { login: { session: { token: string } } }).login.session.token;
      const enable = { input: { scenes: ['LOGON'], method: 'SMS', verifyBy: 'SMS' } };
      answers.push(errorCodes(await call('enableProtection', enable, { ...bearer(token), ...from })).join() || 'SENT');
    }
    expect(answers).toEqual([...Array(CODES_PER_DESTINATION).fill('SENT'), 'RATE_LIMITED']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(suite.receivers.sms.received.filter((sms) => sms.to === phone)).toHaveLength(CODES_PER_DESTINATION);
  });

  it('sends no code while the account is locked', async () => {
    const account = await registerAndLogin(suite.api);
    // Wrong codes lock the account; wrong passwords lock only their address (docs/adr/0005-lockout.md).
    const wrongCode = { input: { verificationId: '00000000-0000-4000-8000-000000000000', code: '123456' } };
    for (let i = 0; i < 5; i++) await call('verifyIdentity', wrongCode, { ...bearer(account.token), ...address(40) });
    const enable = { input: { scenes: ['LOGON'], method: 'SMS', verifyBy: 'SMS' } };
    const answer = await call('enableProtection', enable, { ...bearer(account.token), ...address(41) });
    expect(errorCodes(answer)).toEqual(['ACCOUNT_LOCKED']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(suite.receivers.sms.received.filter((sms) => sms.to === account.phone)).toHaveLength(0);
  });
});
