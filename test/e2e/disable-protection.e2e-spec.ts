import { startAppForSuite } from '../support/app-for-suite';
import {
  beginTotpBinding,
  bindTotp,
  completeLogin,
  disableProtection,
  enableProtection,
  login,
  me,
  requestProtectionDisable,
  send,
  verifyIdentity,
} from '../support/flow';
import { errorCodes, expectError } from '../support/graphql-client';
import { eventually } from '../support/polling';
import { otherCode, ProtectedAccount, protectWithTotp, registerAndLogin } from '../support/protected-account';
import { TotpAuthenticator } from '../support/totp';

const OFF = { protectionEnabled: false, scenes: [], method: null, totpBound: false, totpBoundAt: null };

/** Turning protection off: a code to the account's own phone, then disableProtection; enabling again starts afresh. */
describe('disabling protection', () => {
  // Every test builds its own protected account from one client address: the per-address verification
  // limit (rate-limits.e2e-spec.ts) would answer RATE_LIMITED before the lockout this suite checks.
  const suite = startAppForSuite({ env: { RATE_LIMIT_VERIFICATION_PER_ADDRESS: '1000/60', RATE_LIMIT_LOGON_PER_ADDRESS: '1000/60' } });

  /** requestProtectionDisable by SMS; the code the phone received. */
  async function askToDisable(token: string, phone: string): Promise<{ verificationId: string; code: string }> {
    suite.receivers.sms.clear();
    const verification = await requestProtectionDisable(suite.api, token, { verifyBy: 'SMS' });
    expect(verification).toMatchObject({ verificationId: expect.any(String), channel: 'SMS', maskedDestination: expect.any(String) });
    expect(verification.maskedDestination).not.toContain(phone.slice(2));
    return { verificationId: verification.verificationId, code: await suite.receivers.waitForCode('SMS', phone) };
  }

  /** A protected account whose protection was then turned off. */
  async function protectedThenDisabled(): Promise<ProtectedAccount> {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    const { verificationId, code } = await askToDisable(account.token, account.phone);
    await disableProtection(suite.api, account.token, { verificationId, code, totpCode: await account.authenticator.nextCode() });
    return account;
  }

  it('turns TOTP protection off with the code sent by SMS and a TOTP code, after refusing a wrong one; login then needs no second factor', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    expect(account.security).toMatchObject({ protectionEnabled: true, totpBound: true });
    const { verificationId, code } = await askToDisable(account.token, account.phone);
    const totpCode = await account.authenticator.nextCode();
    expectError(
      await send(suite.api, 'disableProtection', { input: { verificationId, code: otherCode(code), totpCode } }, account.token),
      'INVALID_CODE',
    );
    expect((await me(suite.api, account.token))?.security.protectionEnabled).toBe(true);

    const { security } = await disableProtection(suite.api, account.token, { verificationId, code, totpCode });
    expect(security).toMatchObject({ accountId: account.accountId, ...OFF, lockedUntil: null });
    const mine = await eventually(
      () => me(suite.api, account.token),
      (read) => read?.security.protectionEnabled === false,
    );
    expect(mine?.security).toMatchObject(OFF);
    const answer = await login(suite.api, { loginName: account.loginName, password: account.password });
    expect(answer).toMatchObject({ status: 'SUCCEEDED', challenge: null, session: { accountId: account.accountId } });
  });

  it('never removes TOTP protection with the SMS code alone (a stolen session and a swapped SIM)', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    const { verificationId, code } = await askToDisable(account.token, account.phone);
    const refused = expectError(
      await send(suite.api, 'disableProtection', { input: { verificationId, code } }, account.token),
      'SECOND_FACTOR_REQUIRED',
    );
    expect(refused.message).toMatch(/TOTP/);
    const wrongTotp = { verificationId, code, totpCode: account.authenticator.wrongCode() };
    expectError(await send(suite.api, 'disableProtection', { input: wrongTotp }, account.token), 'INVALID_CODE');
    expect((await me(suite.api, account.token))?.security).toMatchObject({ protectionEnabled: true, totpBound: true });
    const answer = await login(suite.api, { loginName: account.loginName, password: account.password });
    expect(answer).toMatchObject({ status: 'MFA_REQUIRED', session: null });
  });

  it('refuses the old, already used enable verification after disableProtection', async () => {
    const account = await protectedThenDisabled();
    const reused = await send(
      suite.api,
      'beginTotpBinding',
      { input: { verificationId: account.verification.verificationId } },
      account.token,
    );
    expectError(reused, 'VERIFICATION_REQUIRED');
    expect((await me(suite.api, account.token))?.security).toMatchObject(OFF);
  });

  it('enables again through the whole flow, with a new secret; the old authenticator no longer works', async () => {
    const account = await protectedThenDisabled();
    // `me` reads the read model: it shows the disabling once the projection has applied it.
    const off = await eventually(
      async () => (await me(suite.api, account.token))?.security,
      (view) => view?.protectionEnabled === false,
    );
    expect(off).toMatchObject(OFF);
    const verification = await enableProtection(suite.api, account.token, { scenes: ['LOGON'], method: 'TOTP', verifyBy: 'SMS' });
    const code = await suite.receivers.waitForCode('SMS', account.phone);
    await verifyIdentity(suite.api, account.token, { verificationId: verification.verificationId, code });
    const enrollment = await beginTotpBinding(suite.api, account.token, { verificationId: verification.verificationId });
    expect(enrollment.secret).not.toBe(account.enrollment.secret);
    const authenticator = new TotpAuthenticator(enrollment.secret);
    const { security } = await bindTotp(suite.api, account.token, {
      enrollmentId: enrollment.enrollmentId,
      code: await authenticator.nextCode(),
    });
    expect(security).toMatchObject({ protectionEnabled: true, totpBound: true, method: 'TOTP', scenes: ['LOGON'] });

    const first = await login(suite.api, { loginName: account.loginName, password: account.password });
    expect(first.status).toBe('MFA_REQUIRED');
    const challengeId = first.challenge?.challengeId ?? '';
    const old = await send(suite.api, 'completeLogin', { input: { challengeId, code: await account.authenticator.nextCode() } });
    expectError(old, 'INVALID_CODE');
    const done = await completeLogin(suite.api, { challengeId, code: await authenticator.nextCode() });
    expect(done).toMatchObject({ status: 'SUCCEEDED', session: { accountId: account.accountId } });
    // The code just accepted is spent for the new authenticator too.
    const again = await login(suite.api, { loginName: account.loginName, password: account.password });
    const replay = { challengeId: again.challenge?.challengeId ?? '', code: authenticator.lastCode() };
    expectError(await send(suite.api, 'completeLogin', { input: replay }), 'INVALID_CODE');
  });

  it('does not let an enabling verification disable, nor a disabling one verify', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    const enabling = await enableProtection(suite.api, account.token, { scenes: ['LOGON'], method: 'TOTP', verifyBy: 'SMS' });
    const enableCode = await suite.receivers.waitForCode('SMS', account.phone);
    const byEnableId = {
      input: { verificationId: enabling.verificationId, code: enableCode, totpCode: await account.authenticator.nextCode() },
    };
    expectError(await send(suite.api, 'disableProtection', byEnableId, account.token), 'INVALID_CODE');
    const disabling = await askToDisable(account.token, account.phone);
    const byDisableId = { input: { verificationId: disabling.verificationId, code: disabling.code } };
    expectError(await send(suite.api, 'verifyIdentity', byDisableId, account.token), 'INVALID_CODE');
    expect((await me(suite.api, account.token))?.security).toMatchObject({ protectionEnabled: true, totpBound: true });
  });

  it('refuses when protection is off, a code that is not 6 digits, and callers without a session', async () => {
    const plain = await registerAndLogin(suite.api);
    const notOn = expectError(
      await send(suite.api, 'requestProtectionDisable', { input: { verifyBy: 'SMS' } }, plain.token),
      'BAD_USER_INPUT',
    );
    expect(notOn.message).toMatch(/not enabled/);
    const malformed = { input: { verificationId: 'v', code: '12ab56' } };
    expect(expectError(await send(suite.api, 'disableProtection', malformed, plain.token), 'BAD_USER_INPUT').message).toMatch(/code/);
    for (const token of [undefined, 'not-a-session-token']) {
      expectError(await send(suite.api, 'requestProtectionDisable', { input: { verifyBy: 'SMS' } }, token), 'UNAUTHENTICATED');
      expectError(await send(suite.api, 'disableProtection', { input: { verificationId: 'v', code: '123456' } }, token), 'UNAUTHENTICATED');
    }
  });

  it('counts wrong codes towards the lock and then refuses even the right code with ACCOUNT_LOCKED', async () => {
    const locked = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    const { verificationId, code } = await askToDisable(locked.token, locked.phone);
    // A right TOTP code each time: the wrong SMS code is what is refused (and counted), the TOTP step stays unspent.
    const totpCode = await locked.authenticator.nextCode();
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const input = { verificationId, code: otherCode(code), totpCode };
      codes.push(errorCodes(await send(suite.api, 'disableProtection', { input }, locked.token)).join());
    }
    expect(codes).toEqual(['INVALID_CODE', 'INVALID_CODE', 'INVALID_CODE', 'INVALID_CODE', 'ACCOUNT_LOCKED']);
    const error = expectError(
      await send(suite.api, 'disableProtection', { input: { verificationId, code, totpCode } }, locked.token),
      'ACCOUNT_LOCKED',
    );
    expect(Date.parse(String(error.extensions?.lockedUntil))).toBeGreaterThan(Date.now());
    expect((await me(suite.api, locked.token))?.security.protectionEnabled).toBe(true);
  });
});
