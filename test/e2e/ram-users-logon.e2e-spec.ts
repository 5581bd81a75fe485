import { startAppForSuite } from '../support/app-for-suite';
import { login, me, send } from '../support/flow';
import { expectError } from '../support/graphql-client';
import { newAccountDetails, registerAndLogin } from '../support/protected-account';
import { createRamUser, newRamUserPassword, sendRamUserOperation } from '../support/ram-users-client';

// Issue 11, item 1: a primary account creates RAM users; each logs on as `name@alias` (docs/api.md).
describe('RAM users: creation and logon', () => {
  const env = { RATE_LIMIT_LOGON_PER_ADDRESS: '1000/60', RATE_LIMIT_REGISTRATION_PER_ADDRESS: '1000/60' };
  const suite = startAppForSuite({ env });

  it('a RAM user created by its primary logs on as name@alias with its password, to its own account', async () => {
    const primary = await registerAndLogin(suite.api);
    const password = newRamUserPassword();
    const alice = await createRamUser(suite.api, primary.token, { loginName: 'alice', password, displayName: 'Alice Liddell' });
    expect(alice).toMatchObject({
      loginName: `alice@${primary.loginName.toLowerCase()}`,
      displayName: 'Alice Liddell',
      status: 'ACTIVE',
      mfaRequired: false,
      passwordResetRequired: false,
      lastLoginAt: null,
      security: { accountId: alice.accountId, totpBound: false },
    });
    expect(alice.accountId).not.toBe(primary.accountId);

    const logon = await login(suite.api, { loginName: alice.loginName, password });
    expect(logon).toMatchObject({ status: 'SUCCEEDED', session: { accountId: alice.accountId } });
    expect((await me(suite.api, logon.session?.token ?? ''))?.loginName).toBe(alice.loginName);
    // The name alone, or with the wrong password, is no logon.
    expectError(await send(suite.api, 'login', { input: { loginName: 'alice', password } }), 'INVALID_CREDENTIALS');
    expectError(await send(suite.api, 'login', { input: { loginName: alice.loginName, password: `${password}x` } }), 'INVALID_CREDENTIALS');
  });

  it('two primary accounts each have an alice, and each logs on to the right account', async () => {
    const [a, b] = [await registerAndLogin(suite.api), await registerAndLogin(suite.api)];
    const [passwordA, passwordB] = [newRamUserPassword(), newRamUserPassword()];
    const aliceOfA = await createRamUser(suite.api, a.token, { loginName: 'alice', password: passwordA });
    const aliceOfB = await createRamUser(suite.api, b.token, { loginName: 'alice', password: passwordB });
    expect(aliceOfA.accountId).not.toBe(aliceOfB.accountId);
    expect((await login(suite.api, { loginName: aliceOfA.loginName, password: passwordA })).session?.accountId).toBe(aliceOfA.accountId);
    expect((await login(suite.api, { loginName: aliceOfB.loginName, password: passwordB })).session?.accountId).toBe(aliceOfB.accountId);
    // One alice's password does not open the other.
    expectError(await send(suite.api, 'login', { input: { loginName: aliceOfB.loginName, password: passwordA } }), 'INVALID_CREDENTIALS');
  });

  it('refuses a second user of the same name (also in another case) in one primary: LOGIN_NAME_TAKEN', async () => {
    const primary = await registerAndLogin(suite.api);
    await createRamUser(suite.api, primary.token, { loginName: 'bob', password: newRamUserPassword() });
    const again = await sendRamUserOperation(
      suite.api,
      'createRamUser',
      { input: { loginName: 'BOB', password: newRamUserPassword() } },
      primary.token,
    );
    expect(expectError(again, 'LOGIN_NAME_TAKEN').extensions?.field).toBe('loginName');
  });

  it('a RAM user may not create RAM users: FORBIDDEN; no session: UNAUTHENTICATED; a bad name: BAD_USER_INPUT', async () => {
    const primary = await registerAndLogin(suite.api);
    const password = newRamUserPassword();
    const carol = await createRamUser(suite.api, primary.token, { loginName: 'carol', password });
    const session = (await login(suite.api, { loginName: carol.loginName, password })).session;
    const input = { loginName: 'dave', password: newRamUserPassword() };
    expectError(await sendRamUserOperation(suite.api, 'createRamUser', { input }, session?.token), 'FORBIDDEN');
    expectError(await sendRamUserOperation(suite.api, 'createRamUser', { input }), 'UNAUTHENTICATED');
    const withAt = await sendRamUserOperation(suite.api, 'createRamUser', { input: { ...input, loginName: 'dave@other' } }, primary.token);
    expect(expectError(withAt, 'BAD_USER_INPUT').message).toContain('loginName');
    // The refused attempts created nobody: the name is free for the primary.
    expect((await createRamUser(suite.api, primary.token, input)).loginName).toBe(`dave@${primary.loginName.toLowerCase()}`);
  });

  it("a primary account cannot be registered under a RAM user's whole name", async () => {
    const primary = await registerAndLogin(suite.api);
    const erin = await createRamUser(suite.api, primary.token, { loginName: 'erin', password: newRamUserPassword() });
    const details = { ...newAccountDetails(), loginName: erin.loginName };
    expectError(await send(suite.api, 'registerAccount', { input: details }), 'LOGIN_NAME_TAKEN');
  });
});
