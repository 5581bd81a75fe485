import { startAppForSuite } from '../support/app-for-suite';
import { enableProtection, me, send } from '../support/flow';
import { expectError } from '../support/graphql-client';
import {
  completeEnrollment,
  consecutivePair,
  LogonAnswer,
  logOn,
  runAid,
  securityPreference,
  sendAid,
  setSecurityPreference,
} from '../support/logon-aids-client';
import { protectWithTotp, registerAndLogin } from '../support/protected-account';
import { createRamUser, newRamUserPassword } from '../support/ram-users-client';
import { stepUp } from '../support/sessions-client';

// Issue 11, items 2 and 4: the primary's preference for its RAM users' devices, "remember this
// device" for a RAM user, and resetRamUserMfa for a lost device (docs/ram-users.md).
describe('RAM users: device management, remembered devices and resetRamUserMfa', () => {
  const suite = startAppForSuite({
    env: {
      RATE_LIMIT_LOGON_PER_ADDRESS: '1000/60',
      RATE_LIMIT_REGISTRATION_PER_ADDRESS: '1000/60',
      RATE_LIMIT_ATTEMPTS_PER_ACCOUNT: '1000/60',
      RATE_LIMIT_VERIFICATION_PER_ADDRESS: '1000/60',
    },
  });

  /** A primary (`token`) and a RAM user with MFA required, enrolled and logged on (`session`). */
  async function enrolledRamUser(primaryToken?: string, rememberDevice = false) {
    const primary = primaryToken ? null : await registerAndLogin(suite.api);
    const token = primaryToken ?? primary?.token ?? '';
    const password = newRamUserPassword();
    const user = await createRamUser(suite.api, token, { loginName: 'bob', password, mfaRequired: true });
    const credentials = { loginName: user.loginName, password };
    const first = await logOn(suite.api, credentials);
    const enrollment = first.enrollment;
    if (first.status !== 'MFA_ENROLLMENT_REQUIRED' || !enrollment) throw new Error(`no enrollment: ${JSON.stringify(first)}`);
    const { code1, code2 } = consecutivePair(enrollment.secret);
    const done = await completeEnrollment(suite.api, { enrollmentId: enrollment.enrollmentId, code1, code2, rememberDevice });
    return { primaryToken: token, user, credentials, enrollment, done, session: done.session?.token ?? '' };
  }

  it("resets a RAM user's MFA: its session ends and its next logon enrolls again, with a new secret", async () => {
    const { primaryToken, user, credentials, enrollment, session } = await enrolledRamUser();
    expect((await me(suite.api, session))?.accountId).toBe(user.accountId);
    const security = await runAid(suite.api, 'resetRamUserMfa', { input: { accountId: user.accountId } }, primaryToken);
    expect(security).toMatchObject({ accountId: user.accountId, protectionEnabled: false, totpBound: false, recoveryCodesRemaining: 0 });
    expectError(await send(suite.api, 'me', {}, session), 'UNAUTHENTICATED');
    const next = await logOn(suite.api, credentials);
    expect(next).toMatchObject({ status: 'MFA_ENROLLMENT_REQUIRED', session: null });
    expect(next.enrollment?.secret).not.toBe(enrollment.secret);
  });

  it("refuses to reset another primary's RAM user, an unknown account, or as a RAM user: FORBIDDEN", async () => {
    const { user, session } = await enrolledRamUser();
    const other = await registerAndLogin(suite.api);
    const reset = (accountId: string, token: string) => sendAid(suite.api, 'resetRamUserMfa', { input: { accountId } }, token);
    expectError(await reset(user.accountId, other.token), 'FORBIDDEN');
    expectError(await reset(other.accountId, other.token), 'FORBIDDEN');
    expectError(await reset('00000000-0000-4000-8000-000000000000', other.token), 'FORBIDDEN');
    expectError(await reset(user.accountId, session), 'FORBIDDEN');
    // Nothing was reset: the user's session lives on.
    expect((await me(suite.api, session))?.accountId).toBe(user.accountId);
  });

  it('needs a fresh step-up of the primary where its protection covers sensitive operations', async () => {
    const primary = await protectWithTotp(suite.api, suite.receivers, 'SMS', ['SENSITIVE_OPERATION']);
    await stepUp(suite.api, primary.token, await primary.authenticator.nextCode());
    const { user } = await enrolledRamUser(primary.token);
    // A new session of the primary, proven by the password alone.
    const fresh = (await logOn(suite.api, { loginName: primary.loginName, password: primary.password })).session?.token ?? '';
    expectError(await sendAid(suite.api, 'resetRamUserMfa', { input: { accountId: user.accountId } }, fresh), 'STEP_UP_REQUIRED');
    await stepUp(suite.api, fresh, await primary.authenticator.nextCode());
    expect(await runAid(suite.api, 'resetRamUserMfa', { input: { accountId: user.accountId } }, fresh)).toMatchObject({ totpBound: false });
  });

  it("remembers a RAM user's device by its primary's preference, until resetRamUserMfa revokes it", async () => {
    const primary = await registerAndLogin(suite.api);
    await setSecurityPreference(suite.api, primary.token, { rememberDevice: true, rememberDeviceDays: 3 });
    const { user, credentials, done, session } = await enrolledRamUser(primary.token, true);
    const token = done.rememberedDevice?.token;
    expect(Date.parse(done.rememberedDevice?.expiresAt ?? '')).toBeGreaterThan(Date.now() + 2.9 * 24 * 3600 * 1000);
    expect(await securityPreference(suite.api, session)).toMatchObject({ rememberDeviceDays: 3, ownedByPrimary: false });
    expectError(await sendAid(suite.api, 'setSecurityPreference', { input: { rememberDevice: false } }, session), 'FORBIDDEN');

    const again = await logOn(suite.api, { ...credentials, rememberedDeviceToken: token });
    expect(again).toMatchObject({ status: 'SUCCEEDED', session: { accountId: user.accountId } });
    await runAid(suite.api, 'resetRamUserMfa', { input: { accountId: user.accountId } }, primary.token);
    const afterReset = await logOn(suite.api, { ...credentials, rememberedDeviceToken: token });
    expect(afterReset.status).toBe('MFA_ENROLLMENT_REQUIRED');
  });

  it('refuses a RAM user its own device operations while its primary manages them: FORBIDDEN', async () => {
    const primary = await registerAndLogin(suite.api);
    const password = newRamUserPassword();
    const phone = `+1555${String(Date.now() % 10_000_000).padStart(7, '0')}`;
    const user = await createRamUser(suite.api, primary.token, { loginName: 'carol', password, phone });
    const { session } = (await logOn(suite.api, { loginName: user.loginName, password })) as LogonAnswer;
    const token = session?.token ?? '';
    const enable = () => send(suite.api, 'enableProtection', { input: { scenes: ['LOGON'], method: 'TOTP', verifyBy: 'SMS' } }, token);

    await setSecurityPreference(suite.api, primary.token, { ramUsersManageOwnDevices: false });
    expectError(await enable(), 'FORBIDDEN');
    expectError(await send(suite.api, 'regenerateRecoveryCodes', {}, token), 'FORBIDDEN');
    expectError(await send(suite.api, 'beginTotpBinding', { input: { verificationId: 'v' } }, token), 'FORBIDDEN');
    expectError(await send(suite.api, 'removeAuthenticator', { input: { authenticatorId: 'a' } }, token), 'FORBIDDEN');
    // The primary's own devices are its own to manage.
    expect(
      (await enableProtection(suite.api, primary.token, { scenes: ['LOGON'], method: 'TOTP', verifyBy: 'SMS' })).verificationId,
    ).toEqual(expect.any(String));

    await setSecurityPreference(suite.api, primary.token, { ramUsersManageOwnDevices: true });
    expect((await enable()).body.errors).toBeUndefined();
  });
});
