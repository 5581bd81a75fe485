import { AppProcess } from '../support/app-process';
import { startAppForSuite } from '../support/app-for-suite';
import { Api, beginTotpBinding, bindTotp, DOCUMENTS, enableProtection, login, me, send, verifyIdentity } from '../support/flow';
import { expectError, gql } from '../support/graphql-client';
import { eventually } from '../support/polling';
import { loginWithTotp, protectWithTotp, registerAndLogin, RegisteredAccount } from '../support/protected-account';
import { TotpAuthenticator } from '../support/totp';
import { logout, revokeOtherSessions, revokeSession, sendSessionOperation, sessions, SessionInfo } from '../support/sessions-client';

// Sessions on the server (issue 10): a token is good only while its session is live in the account's state.
describe('sessions', () => {
  // Every test logs on several times from one client address: the per-address logon and verification
  // limits (rate-limits.e2e-spec.ts) would answer RATE_LIMITED before the behaviour checked here.
  const env = {
    RATE_LIMIT_LOGON_PER_ADDRESS: '1000/60',
    RATE_LIMIT_VERIFICATION_PER_ADDRESS: '1000/60',
    RATE_LIMIT_ATTEMPTS_PER_ACCOUNT: '1000/60',
  };
  const suite = startAppForSuite({ env });

  /** Another password logon of the account: a second session's token. */
  async function anotherSession(account: RegisteredAccount, api: Api = suite.api): Promise<string> {
    const done = await login(api, { loginName: account.loginName, password: account.password });
    if (!done.session) throw new Error(`login did not succeed: ${JSON.stringify(done)}`);
    return done.session.token;
  }

  const refused = async (token: string, api: Api = suite.api) => expectError(await send(api, 'me', {}, token), 'UNAUTHENTICATED');

  it('refuses a token after logout, and keeps the other sessions', async () => {
    const account = await registerAndLogin(suite.api);
    const other = await anotherSession(account);
    expect((await me(suite.api, account.token))?.accountId).toBe(account.accountId);
    expect(await logout(suite.api, account.token)).toBe(true);
    await refused(account.token);
    expectError(await sendSessionOperation(suite.api, 'logout', account.token), 'UNAUTHENTICATED');
    expect((await me(suite.api, other))?.accountId).toBe(account.accountId);
  });

  it('holds at most 100 live sessions: the 101st logon ends the oldest, whose token is refused at once', async () => {
    // Without a limit, a script logging on for every call grows the account's state, and every command's cost, without end.
    const account = await registerAndLogin(suite.api);
    const tokens = [account.token];
    while (tokens.length < 100) tokens.push(await anotherSession(account));
    expect((await me(suite.api, account.token))?.accountId).toBe(account.accountId);
    const newest = await anotherSession(account);
    await refused(account.token);
    for (const token of [tokens[1] as string, tokens[99] as string, newest])
      expect((await me(suite.api, token))?.accountId).toBe(account.accountId);
    const listed = await eventually(
      () => sessions(suite.api, newest),
      (list) => list.length === 100,
    );
    expect(listed.filter((session) => session.current)).toHaveLength(1);
  });

  it('revokeOtherSessions from another session ends every session but that one', async () => {
    const account = await registerAndLogin(suite.api);
    const second = await anotherSession(account);
    const third = await anotherSession(account);
    expect(await revokeOtherSessions(suite.api, second)).toBe(2);
    await refused(account.token);
    await refused(third);
    expect((await me(suite.api, second))?.accountId).toBe(account.accountId);
    expect(await revokeOtherSessions(suite.api, second)).toBe(0);
  });

  it('lists the live sessions with address, user agent and how each was proven', async () => {
    const account = await registerAndLogin(suite.api);
    expectError(await sendSessionOperation(suite.api, 'sessions', 'not-a-token'), 'UNAUTHENTICATED');
    const laptop = await gqlLogin(account, 'e2e-laptop/1.0');
    const listed = await eventually(
      () => sessions(suite.api, laptop),
      (list) => list.length === 2,
    );
    const mine = listed.find((s) => s.current);
    expect(listed.filter((s) => s.current)).toHaveLength(1);
    expect(mine).toMatchObject({
      userAgent: 'e2e-laptop/1.0',
      clientAddress: expect.stringMatching(/127\.0\.0\.1$/),
      provenBy: 'PASSWORD',
      provenByAuthenticatorId: null,
      secondFactorAt: null,
    });
    expect(Date.parse(mine?.expiresAt ?? '')).toBeGreaterThan(Date.now());
    expect(JSON.stringify(listed)).not.toContain(laptop);

    const totp = await protectWithTotp(suite.api, suite.receivers);
    const { token } = await loginWithTotp(suite.api, totp);
    const proven = await eventually(
      () => sessions(suite.api, token),
      (list) => list.some((s) => s.current && s.provenBy === 'TOTP'),
    );
    const authenticatorId = totp.enrollment.enrollmentId;
    expect(proven.find((s) => s.current)).toMatchObject({
      provenBy: 'TOTP',
      provenByAuthenticatorId: authenticatorId,
      secondFactorMethod: 'TOTP',
    });
    expect(proven.find((s) => s.current)?.secondFactorAt).toEqual(expect.any(String));
  });

  it('revokeSession ends a listed session; an unknown or foreign id ends nothing', async () => {
    const account = await registerAndLogin(suite.api);
    const phone = await anotherSession(account);
    const listed: SessionInfo[] = await eventually(
      () => sessions(suite.api, account.token),
      (list) => list.length === 2,
    );
    const target = listed.find((s) => !s.current);
    if (!target) throw new Error('the other session is not listed');
    const stranger = await registerAndLogin(suite.api);
    expect(await revokeSession(suite.api, stranger.token, target.sessionId)).toBe(false);
    expect((await me(suite.api, phone))?.accountId).toBe(account.accountId);

    expect(await revokeSession(suite.api, account.token, target.sessionId)).toBe(true);
    await refused(phone);
    expect(await revokeSession(suite.api, account.token, target.sessionId)).toBe(false);
    expect((await sessions(suite.api, account.token)).map((s) => s.sessionId)).not.toContain(target.sessionId);
    expectError(await sendSessionOperation(suite.api, 'revokeSession', account.token, { input: { sessionId: '' } }), 'BAD_USER_INPUT');
  });

  it('ends a session from before protection was turned on; the one that turned it on stays', async () => {
    const account = await registerAndLogin(suite.api);
    const before = await anotherSession(account);
    expect((await me(suite.api, before))?.accountId).toBe(account.accountId);
    const verification = await enableProtection(suite.api, account.token, { scenes: ['LOGON'], method: 'TOTP', verifyBy: 'SMS' });
    const code = await suite.receivers.waitForCode('SMS', account.phone);
    await verifyIdentity(suite.api, account.token, { verificationId: verification.verificationId, code });
    expect((await me(suite.api, before))?.accountId).toBe(account.accountId);
    const enrollment = await beginTotpBinding(suite.api, account.token, { verificationId: verification.verificationId });
    await bindTotp(suite.api, account.token, {
      enrollmentId: enrollment.enrollmentId,
      code: await new TotpAuthenticator(enrollment.secret).nextCode(),
    });
    await refused(before);
    // The report of issue 10: such a token could start requestProtectionDisable.
    expectError(await send(suite.api, 'requestProtectionDisable', { input: { verifyBy: 'SMS' } }, before), 'UNAUTHENTICATED');
    expect((await me(suite.api, account.token))?.security.protectionEnabled).toBe(true);
  });

  /** login with a chosen User-Agent; its token. */
  async function gqlLogin(account: RegisteredAccount, userAgent: string): Promise<string> {
    const response = await gql<{ login: { session: { token: string } | null } }>(
      suite.api.graphqlUrl,
      DOCUMENTS.login,
      { input: { loginName: account.loginName, password: account.password } },
      { 'user-agent': userAgent },
    );
    const token = response.body.data?.login.session?.token;
    if (!token) throw new Error(`login failed: ${response.text}`);
    return token;
  }

  describe('on a second instance on the same data', () => {
    let second: AppProcess | null = null;
    let secondApi: Api;

    beforeAll(async () => {
      second = await AppProcess.start({ ...suite.receivers.appOptions, env: { ...env, DATA_DIR: suite.app.dataDir } });
      secondApi = { graphqlUrl: second.graphqlUrl };
    });
    afterAll(async () => {
      await second?.dispose();
    });

    it('refuses a token on the next request after another instance ended its session', async () => {
      const account = await registerAndLogin(suite.api);
      const other = await anotherSession(account, secondApi);
      expect((await me(secondApi, account.token))?.accountId).toBe(account.accountId);
      expect((await me(suite.api, other))?.accountId).toBe(account.accountId);
      expect(await revokeOtherSessions(suite.api, account.token)).toBe(1);
      await refused(other, secondApi);
      expect(await logout(secondApi, account.token)).toBe(true);
      await refused(account.token, suite.api);
    });
  });
});
