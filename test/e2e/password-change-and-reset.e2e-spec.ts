import { startAppForSuite } from '../support/app-for-suite';
import { expectError } from '../support/graphql-client';
import { IdentityVerification, login, run, send } from '../support/flow';
import { newAccountDetails, otherCode, protectWithTotp, registerAndLogin } from '../support/protected-account';

type ResetRequest = { verification: IdentityVerification };

/** Changing a password with the current one, and a forgotten password reset that is never an MFA bypass. */
describe('password change and reset', () => {
  // One client sends every request of the suite: above the per-address limits (rate-limits.e2e-spec.ts covers those).
  const suite = startAppForSuite({
    env: {
      RATE_LIMIT_LOGON_PER_ADDRESS: '1000/60',
      RATE_LIMIT_VERIFICATION_PER_ADDRESS: '1000/60',
      RATE_LIMIT_CODE_SENDS_PER_ADDRESS: '1000/3600',
    },
  });
  const strong = (tag: string) => `correct horse battery ${tag} staple`;
  const requestReset = (loginName: string, verifyBy = 'SMS') =>
    run<ResetRequest>(suite.api, 'requestPasswordReset', { input: { loginName, verifyBy } });

  it('changes the password: the old one is refused, the new one works', async () => {
    const account = await registerAndLogin(suite.api);
    const newPassword = strong('one');
    expect(await run(suite.api, 'changePassword', { input: { currentPassword: account.password, newPassword } }, account.token)).toBe(true);
    expectError(
      await send(suite.api, 'login', { input: { loginName: account.loginName, password: account.password } }),
      'INVALID_CREDENTIALS',
    );
    expect(await login(suite.api, { loginName: account.loginName, password: newPassword })).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('ends every other session with the change; the session that changed it goes on', async () => {
    const account = await registerAndLogin(suite.api);
    const other = await login(suite.api, { loginName: account.loginName, password: account.password });
    const otherToken = other.session?.token ?? '';
    const newPassword = strong('two');
    expect(await run(suite.api, 'changePassword', { input: { currentPassword: account.password, newPassword } }, account.token)).toBe(true);
    expectError(await send(suite.api, 'me', {}, otherToken), 'UNAUTHENTICATED');
    expect((await send(suite.api, 'me', {}, account.token)).body.errors).toBeUndefined();
  });

  it('refuses a wrong current password as INVALID_CREDENTIALS, counted towards the lock, and a weak new one as BAD_USER_INPUT', async () => {
    const account = await registerAndLogin(suite.api);
    const change = (currentPassword: string, newPassword = strong('two')) =>
      send(suite.api, 'changePassword', { input: { currentPassword, newPassword } }, account.token);
    expectError(await change(account.password, 'password1'), 'BAD_USER_INPUT');
    for (let i = 0; i < 4; i++) expectError(await change('not the password'), 'INVALID_CREDENTIALS');
    expectError(await change('not the password'), 'ACCOUNT_LOCKED');
    expectError(await change(account.password), 'ACCOUNT_LOCKED');
    expectError(await send(suite.api, 'login', { input: { loginName: account.loginName, password: account.password } }), 'ACCOUNT_LOCKED');
  });

  it('answers requestPasswordReset the same for an unknown name as for a real one', async () => {
    const account = await registerAndLogin(suite.api);
    const real = (await requestReset(account.loginName)).verification;
    const unknown = (await requestReset(newAccountDetails().loginName)).verification;
    await suite.receivers.waitForCode('SMS', account.phone);
    const shape = (v: IdentityVerification) => ({
      keys: Object.keys(v).sort(),
      channel: v.channel,
      maskedDestination: v.maskedDestination,
      idForm: /^[A-Za-z0-9_-]+$/.test(v.verificationId),
      idLength: v.verificationId.length,
      lifetimeSeconds: Math.round((Date.parse(v.expiresAt) - Date.now()) / 10_000) * 10,
    });
    expect(shape(unknown)).toEqual(shape(real));
    expect(real.maskedDestination).not.toContain(account.phone.slice(-4));
    expectError(
      await send(suite.api, 'resetPassword', {
        input: { verificationId: unknown.verificationId, code: '123456', newPassword: strong('x') },
      }),
      'INVALID_CODE',
    );
  });

  it('resets an unprotected account with the code alone, once', async () => {
    const account = await registerAndLogin(suite.api);
    const { verification } = await requestReset(account.loginName);
    const code = await suite.receivers.waitForCode('SMS', account.phone);
    const newPassword = strong('three');
    const reset = (c: string) =>
      send(suite.api, 'resetPassword', { input: { verificationId: verification.verificationId, code: c, newPassword } });
    expectError(await reset(otherCode(code)), 'INVALID_CODE');
    expect((await reset(code)).body.data).toEqual({ resetPassword: true });
    expectError(await reset(code), 'INVALID_CODE');
    expectError(
      await send(suite.api, 'login', { input: { loginName: account.loginName, password: account.password } }),
      'INVALID_CREDENTIALS',
    );
    expect(await login(suite.api, { loginName: account.loginName, password: newPassword })).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('refuses the reset of a TOTP-protected account without its second factor, and takes it with one', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    suite.receivers.sms.clear();
    const { verification } = await requestReset(account.loginName);
    const code = await suite.receivers.waitForCode('SMS', account.phone);
    const newPassword = strong('four');
    const reset = (secondFactor?: string) =>
      send(suite.api, 'resetPassword', { input: { verificationId: verification.verificationId, code, newPassword, secondFactor } });
    expectError(await reset(), 'INVALID_CODE');
    const current = await account.authenticator.nextCode();
    expectError(await reset(otherCode(current)), 'INVALID_CODE');
    expectError(await send(suite.api, 'login', { input: { loginName: account.loginName, password: newPassword } }), 'INVALID_CREDENTIALS');
    expect((await reset(current)).body.data).toEqual({ resetPassword: true });
    // The new password leads to the second factor, as before: the reset turned nothing off.
    expect(await login(suite.api, { loginName: account.loginName, password: newPassword })).toMatchObject({ status: 'MFA_REQUIRED' });
  });

  it('takes a recovery code in place of the TOTP code, once, and never a made-up one', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    const recoveryCode = account.recoveryCodes[0] ?? '';
    const newPassword = strong('five');
    suite.receivers.sms.clear();
    const { verification } = await requestReset(account.loginName);
    const code = await suite.receivers.waitForCode('SMS', account.phone);
    const reset = (secondFactor: string) =>
      send(suite.api, 'resetPassword', { input: { verificationId: verification.verificationId, code, newPassword, secondFactor } });
    expectError(await reset('zzzzz-zzzzz'), 'INVALID_CODE');
    expectError(await reset('not-a-code'), 'BAD_USER_INPUT');
    const taken = await reset(recoveryCode);
    expect(taken.body.data).toEqual({ resetPassword: true });
    // Spent: the logon does not take it again (a second reset request would wait out the name's cool-down).
    const { challenge } = await login(suite.api, { loginName: account.loginName, password: newPassword });
    expectError(
      await send(suite.api, 'completeLogin', { input: { challengeId: challenge?.challengeId, code: recoveryCode } }),
      'INVALID_CODE',
    );
  });
});
