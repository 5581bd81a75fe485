import { startAppForSuite } from '../support/app-for-suite';
import { run } from '../support/flow';
import { expectError } from '../support/graphql-client';
import { answerChallenge, LogonAnswer, logOn, securityPreference, sendAid, setSecurityPreference } from '../support/logon-aids-client';
import { eventually, waitUntilPast } from '../support/polling';
import { ProtectedAccount, protectWithTotp } from '../support/protected-account';
import { sessions, stepUp } from '../support/sessions-client';

/** The deployment's cap on a remembered device: short, so that its end can be seen without a slow test. */
const REMEMBERED_DEVICE_MAX_SECONDS = 8;

// "Remember this device" (issue 11, docs/security.md) on a primary account's own logons, and the
// security preference that allows it (setSecurityPreference, a sensitive operation).
describe('security preference and remembered devices', () => {
  const suite = startAppForSuite({
    env: {
      REMEMBERED_DEVICE_MAX_SECONDS: String(REMEMBERED_DEVICE_MAX_SECONDS),
      RATE_LIMIT_LOGON_PER_ADDRESS: '1000/60',
      RATE_LIMIT_VERIFICATION_PER_ADDRESS: '1000/60',
      RATE_LIMIT_ATTEMPTS_PER_ACCOUNT: '1000/60',
      RATE_LIMIT_REGISTRATION_PER_ADDRESS: '1000/60',
    },
  });

  const credentials = (account: ProtectedAccount) => ({ loginName: account.loginName, password: account.password });

  /** A TOTP-protected primary whose preference remembers devices, and a logon that remembered this one. */
  async function rememberedLogon(): Promise<{ account: ProtectedAccount; token: string; remembered: LogonAnswer }> {
    const account = await protectWithTotp(suite.api, suite.receivers);
    await setSecurityPreference(suite.api, account.token, { rememberDevice: true });
    const started = await logOn(suite.api, credentials(account));
    expect(started.status).toBe('MFA_REQUIRED');
    const remembered = await answerChallenge(suite.api, {
      challengeId: started.challenge?.challengeId ?? '',
      code: await account.authenticator.nextCode(),
      rememberDevice: true,
    });
    expect(remembered).toMatchObject({ status: 'SUCCEEDED', rememberedDevice: { token: expect.stringMatching(/^rd1\./) } });
    return { account, token: remembered.session?.token ?? '', remembered };
  }

  it('shows the defaults, and turns remembering on for 7 days (capped by the deployment)', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers);
    expect(await securityPreference(suite.api, account.token)).toEqual({
      ramUserMfaRequired: false,
      ramUsersManageOwnDevices: true,
      rememberDevice: false,
      rememberDeviceDays: null,
      ownedByPrimary: true,
    });
    expect(await setSecurityPreference(suite.api, account.token, { rememberDevice: true })).toMatchObject({
      rememberDevice: true,
      rememberDeviceDays: 7,
    });
    expect(await securityPreference(suite.api, account.token)).toMatchObject({ rememberDeviceDays: 7 });
  });

  it('refuses days out of 1..30 and days with rememberDevice false', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers);
    for (const input of [{ rememberDeviceDays: 0 }, { rememberDeviceDays: 31 }, { rememberDevice: false, rememberDeviceDays: 7 }]) {
      const error = expectError(await sendAid(suite.api, 'setSecurityPreference', { input }, account.token), 'BAD_USER_INPUT');
      expect(error.extensions?.field).toBe('rememberDeviceDays');
    }
    expectError(
      await sendAid(suite.api, 'setSecurityPreference', { input: { rememberDeviceDays: 'many' } }, account.token),
      'BAD_USER_INPUT',
    );
    expectError(await sendAid(suite.api, 'setSecurityPreference', { input: { ramUserMfaRequired: true } }), 'UNAUTHENTICATED');
  });

  it('needs a step-up where protection covers sensitive operations', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS', ['SENSITIVE_OPERATION']);
    // LOGON is not covered: this session was proven by the password alone.
    const { session } = await logOn(suite.api, credentials(account));
    const token = session?.token ?? '';
    expectError(await sendAid(suite.api, 'setSecurityPreference', { input: { rememberDevice: true } }, token), 'STEP_UP_REQUIRED');
    await stepUp(suite.api, token, await account.authenticator.nextCode());
    expect(await setSecurityPreference(suite.api, token, { rememberDevice: true })).toMatchObject({ rememberDevice: true });
  });

  it('refuses rememberDevice while the preference is off, without spending the code', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers);
    const started = await logOn(suite.api, credentials(account));
    const input = { challengeId: started.challenge?.challengeId ?? '', code: await account.authenticator.nextCode() };
    const refused = expectError(await sendAid(suite.api, 'completeLogin', { input: { ...input, rememberDevice: true } }), 'BAD_USER_INPUT');
    expect(refused.extensions?.field).toBe('rememberDevice');
    expect(await answerChallenge(suite.api, input)).toMatchObject({ status: 'SUCCEEDED', rememberedDevice: null });
  });

  it('skips the code within the period: a session proven by the password alone', async () => {
    const { account, remembered } = await rememberedLogon();
    const again = await logOn(suite.api, { ...credentials(account), rememberedDeviceToken: remembered.rememberedDevice?.token });
    expect(again).toMatchObject({ status: 'SUCCEEDED', challenge: null, rememberedDevice: null });
    // The session list is a read model: it shows the logon once the projection has applied it.
    const listed = await eventually(
      () => sessions(suite.api, again.session?.token ?? ''),
      (list) => list.some((s) => s.current),
    );
    expect(listed.find((s) => s.current)).toMatchObject({ provenBy: 'PASSWORD', secondFactorAt: null });
  });

  it('asks for the code with another token, a token of another account, or after a wrong password', async () => {
    const { account, remembered } = await rememberedLogon();
    const other = await rememberedLogon();
    const token = remembered.rememberedDevice?.token ?? '';
    for (const rememberedDeviceToken of [`rd1.${'A'.repeat(43)}`, 'not-a-token', other.remembered.rememberedDevice?.token]) {
      expect((await logOn(suite.api, { ...credentials(account), rememberedDeviceToken })).status).toBe('MFA_REQUIRED');
    }
    expectError(
      await sendAid(suite.api, 'login', { input: { ...credentials(account), password: 'wrong', rememberedDeviceToken: token } }),
      'INVALID_CREDENTIALS',
    );
  });

  it('asks for the code again after revokeRememberedDevices', async () => {
    const { account, token, remembered } = await rememberedLogon();
    const revoked = await sendAid(suite.api, 'revokeRememberedDevices', {}, token);
    expect(revoked.body.data?.revokeRememberedDevices).toBe(1);
    const again = await logOn(suite.api, { ...credentials(account), rememberedDeviceToken: remembered.rememberedDevice?.token });
    expect(again.status).toBe('MFA_REQUIRED');
  });

  it('asks for the code again after a password change', async () => {
    const { account, token, remembered } = await rememberedLogon();
    const newPassword = `${account.password}-changed`;
    await run(suite.api, 'changePassword', { input: { currentPassword: account.password, newPassword } }, token);
    const again = await logOn(suite.api, {
      loginName: account.loginName,
      password: newPassword,
      rememberedDeviceToken: remembered.rememberedDevice?.token,
    });
    expect(again.status).toBe('MFA_REQUIRED');
  });

  it('asks for the code again once the preference stops remembering devices', async () => {
    const { account, token, remembered } = await rememberedLogon();
    await setSecurityPreference(suite.api, token, { rememberDevice: false });
    const again = await logOn(suite.api, { ...credentials(account), rememberedDeviceToken: remembered.rememberedDevice?.token });
    expect(again.status).toBe('MFA_REQUIRED');
  });

  it('asks for the code again after the period', async () => {
    const { account, remembered } = await rememberedLogon();
    const expiresAt = remembered.rememberedDevice?.expiresAt ?? '';
    expect(Date.parse(expiresAt)).toBeLessThanOrEqual(Date.now() + REMEMBERED_DEVICE_MAX_SECONDS * 1000);
    await waitUntilPast(expiresAt);
    const again = await logOn(suite.api, { ...credentials(account), rememberedDeviceToken: remembered.rememberedDevice?.token });
    expect(again.status).toBe('MFA_REQUIRED');
  });
});
