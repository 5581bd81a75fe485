import { startAppForSuite } from '../support/app-for-suite';
import { beginTotpBinding, bindTotp, enableProtection, login, me, send, verifyIdentity } from '../support/flow';
import { expectError } from '../support/graphql-client';
import { eventually, sleep } from '../support/polling';
import { newAccountDetails, registerAndLogin } from '../support/protected-account';
import { changeRamUser, createRamUser, newRamUserPassword, RamUser, ramUsers, sendRamUserOperation } from '../support/ram-users-client';
import { TotpAuthenticator } from '../support/totp';

// Issue 11, items 1 and 5: the primary lists, filters, changes, disables and deletes its RAM users.
describe('RAM users: the primary manages them', () => {
  const env = {
    RATE_LIMIT_LOGON_PER_ADDRESS: '1000/60',
    RATE_LIMIT_REGISTRATION_PER_ADDRESS: '1000/60',
    RATE_LIMIT_VERIFICATION_PER_ADDRESS: '1000/60',
    // One second between two codes to one name, so that the password-reset test can ask twice.
    CODE_RESEND_COOLDOWN_SECONDS: '1',
  };
  const suite = startAppForSuite({ env });

  async function logon(user: RamUser, password: string): Promise<string> {
    const done = await login(suite.api, { loginName: user.loginName, password });
    if (!done.session) throw new Error(`the RAM user did not log on: ${JSON.stringify(done)}`);
    return done.session.token;
  }

  /** The RAM user binds a TOTP authenticator on its own session (its phone gets the verification code). */
  async function bindDevice(token: string, phone: string): Promise<void> {
    const verification = await enableProtection(suite.api, token, { scenes: ['LOGON'], method: 'TOTP', verifyBy: 'SMS' });
    const code = await suite.receivers.waitForCode('SMS', phone);
    await verifyIdentity(suite.api, token, { verificationId: verification.verificationId, code });
    const enrollment = await beginTotpBinding(suite.api, token, { verificationId: verification.verificationId });
    await bindTotp(suite.api, token, {
      enrollmentId: enrollment.enrollmentId,
      code: await new TotpAuthenticator(enrollment.secret).nextCode(),
    });
  }

  it('lists its RAM users with their state, in pages, and filters those without a device', async () => {
    const primary = await registerAndLogin(suite.api);
    const [annPassword, benPassword, catPassword] = [newRamUserPassword(), newRamUserPassword(), newRamUserPassword()];
    const phone = newAccountDetails().phone;
    const ann = await createRamUser(suite.api, primary.token, { loginName: 'ann', password: annPassword, phone, mfaRequired: false });
    const ben = await createRamUser(suite.api, primary.token, {
      loginName: 'ben',
      password: benPassword,
      displayName: 'Ben B.',
      mfaRequired: true,
    });
    const cat = await createRamUser(suite.api, primary.token, { loginName: 'cat', password: catPassword, passwordResetRequired: true });
    await bindDevice(await logon(ann, annPassword), phone);

    const all = await eventually(
      () => ramUsers(suite.api, primary.token),
      (page) => page.edges.length === 3 && page.edges[0]?.node.security.totpBound === true && page.edges[0]?.node.lastLoginAt !== null,
    );
    expect(all.edges.map((e) => e.node.accountId)).toEqual([ann.accountId, ben.accountId, cat.accountId]);
    expect(all.edges[1]?.node).toMatchObject({
      loginName: ben.loginName,
      displayName: 'Ben B.',
      status: 'ACTIVE',
      mfaRequired: true,
      lastLoginAt: null,
    });
    expect(all.edges[2]?.node).toMatchObject({ passwordResetRequired: true, security: { totpBound: false } });
    expect(all.pageInfo.hasNextPage).toBe(false);

    const withoutDevice = await ramUsers(suite.api, primary.token, { filter: { mfaBound: false } });
    expect(withoutDevice.edges.map((e) => e.node.loginName)).toEqual([ben.loginName, cat.loginName]);
    const withDevice = await ramUsers(suite.api, primary.token, { filter: { mfaBound: true } });
    expect(withDevice.edges.map((e) => e.node.loginName)).toEqual([ann.loginName]);

    const first = await ramUsers(suite.api, primary.token, { first: 2 });
    expect(first.pageInfo).toMatchObject({ hasNextPage: true });
    const rest = await ramUsers(suite.api, primary.token, { first: 2, after: first.pageInfo.endCursor ?? '' });
    expect(rest.edges.map((e) => e.node.accountId)).toEqual([cat.accountId]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    expectError(await sendRamUserOperation(suite.api, 'ramUsers', { after: 'not-a-cursor' }, primary.token), 'BAD_USER_INPUT');
    expectError(await sendRamUserOperation(suite.api, 'ramUsers', { first: 101 }, primary.token), 'BAD_USER_INPUT');
  });

  it('disables one: its sessions end, its logon is refused until it is enabled again', async () => {
    const primary = await registerAndLogin(suite.api);
    const password = newRamUserPassword();
    const dan = await createRamUser(suite.api, primary.token, { loginName: 'dan', password });
    const session = await logon(dan, password);
    expect(await changeRamUser(suite.api, primary.token, 'disableRamUser', { accountId: dan.accountId })).toMatchObject({
      status: 'DISABLED',
    });
    expectError(await send(suite.api, 'me', {}, session), 'UNAUTHENTICATED');
    expectError(await send(suite.api, 'login', { input: { loginName: dan.loginName, password } }), 'INVALID_CREDENTIALS');
    const disabled = await eventually(
      () => ramUsers(suite.api, primary.token, { filter: { status: 'DISABLED' } }),
      (page) => page.edges.length === 1,
    );
    expect(disabled.edges[0]?.node.accountId).toBe(dan.accountId);
    // Disabling again changes nothing; enabling lets it log on.
    expect((await changeRamUser(suite.api, primary.token, 'disableRamUser', { accountId: dan.accountId })).status).toBe('DISABLED');
    expect((await changeRamUser(suite.api, primary.token, 'enableRamUser', { accountId: dan.accountId })).status).toBe('ACTIVE');
    expect((await me(suite.api, await logon(dan, password)))?.accountId).toBe(dan.accountId);
  });

  it('gives a disabled one no password reset: no code is sent, and a reset started before does not apply', async () => {
    const primary = await registerAndLogin(suite.api);
    const password = newRamUserPassword();
    const { phone } = newAccountDetails();
    const erin = await createRamUser(suite.api, primary.token, { loginName: 'erin', password, phone });
    const reset = (loginName: string) => send(suite.api, 'requestPasswordReset', { input: { loginName, verifyBy: 'SMS' } });
    const before = (await reset(erin.loginName)).body.data?.requestPasswordReset as { verification: { verificationId: string } };
    const code = await suite.receivers.waitForCode('SMS', phone);
    await changeRamUser(suite.api, primary.token, 'disableRamUser', { accountId: erin.accountId });
    const newPassword = newRamUserPassword();
    const input = { verificationId: before.verification.verificationId, code, newPassword };
    expectError(await send(suite.api, 'resetPassword', { input }), 'INVALID_CREDENTIALS');
    // Asked while disabled (after the cool-down): the answer of an unknown name, and nothing reaches the phone.
    await sleep(1100);
    const after = await reset(erin.loginName);
    expect(Object.keys((after.body.data?.requestPasswordReset as { verification: object }).verification).sort()).toEqual([
      'channel',
      'expiresAt',
      'maskedDestination',
      'verificationId',
    ]);
    const toErin = () => suite.receivers.sms.delivered.filter((sms) => sms.to === phone).length;
    await sleep(2000); // the code would go out in the background
    expect(toErin()).toBe(1);
    await changeRamUser(suite.api, primary.token, 'enableRamUser', { accountId: erin.accountId });
    expectError(await send(suite.api, 'login', { input: { loginName: erin.loginName, password: newPassword } }), 'INVALID_CREDENTIALS');
    expect((await me(suite.api, await logon(erin, password)))?.accountId).toBe(erin.accountId);
  });

  it('updates one, and sets its password: the old password and its sessions stop working', async () => {
    const primary = await registerAndLogin(suite.api);
    const password = newRamUserPassword();
    const eve = await createRamUser(suite.api, primary.token, { loginName: 'eve', password });
    const session = await logon(eve, password);
    const updated = await changeRamUser(suite.api, primary.token, 'updateRamUser', {
      accountId: eve.accountId,
      displayName: 'Eve E.',
      mfaRequired: true,
    });
    expect(updated).toMatchObject({ displayName: 'Eve E.', mfaRequired: true, passwordResetRequired: false });
    // MFA now required and no authenticator: the next logon enrolls instead of opening a session.
    expect(await login(suite.api, { loginName: eve.loginName, password })).toMatchObject({
      status: 'MFA_ENROLLMENT_REQUIRED',
      session: null,
    });
    const next = newRamUserPassword();
    const set = await changeRamUser(suite.api, primary.token, 'setRamUserPassword', {
      accountId: eve.accountId,
      password: next,
      passwordResetRequired: true,
    });
    expect(set).toMatchObject({ passwordResetRequired: true, mfaRequired: true });
    expectError(await send(suite.api, 'me', {}, session), 'UNAUTHENTICATED');
    expectError(await send(suite.api, 'login', { input: { loginName: eve.loginName, password } }), 'INVALID_CREDENTIALS');
    const weak = await sendRamUserOperation(
      suite.api,
      'setRamUserPassword',
      { input: { accountId: eve.accountId, password: 'password' } },
      primary.token,
    );
    expect(expectError(weak, 'BAD_USER_INPUT').message).toContain('password');
  });

  it('deletes one: erased, logon refused, gone from the list, and its name stays taken', async () => {
    const primary = await registerAndLogin(suite.api);
    const password = newRamUserPassword();
    const fay = await createRamUser(suite.api, primary.token, { loginName: 'fay', password, email: 'fay@example.test' });
    const session = await logon(fay, password);
    const deleted = await sendRamUserOperation(suite.api, 'deleteRamUser', { input: { accountId: fay.accountId } }, primary.token);
    expect(deleted.body.data?.deleteRamUser).toEqual({ accountId: fay.accountId, deleted: true });
    expectError(await send(suite.api, 'me', {}, session), 'UNAUTHENTICATED');
    expectError(await send(suite.api, 'login', { input: { loginName: fay.loginName, password } }), 'INVALID_CREDENTIALS');
    await eventually(
      () => ramUsers(suite.api, primary.token),
      (page) => page.edges.length === 0,
    );
    const again = await sendRamUserOperation(suite.api, 'createRamUser', { input: { loginName: 'fay', password } }, primary.token);
    expectError(again, 'LOGIN_NAME_TAKEN');
    // Deleting it again answers the same; its security shows it erased.
    const repeat = await sendRamUserOperation(suite.api, 'deleteRamUser', { input: { accountId: fay.accountId } }, primary.token);
    expect(repeat.body.data?.deleteRamUser).toEqual({ accountId: fay.accountId, deleted: true });
  });
});
