import { startAppForSuite } from '../support/app-for-suite';
import {
  beginTotpBinding,
  bindTotp,
  disableProtection,
  login,
  me,
  requestProtectionDisable,
  requestVerification,
  send,
  verifyIdentity,
} from '../support/flow';
import { expectError } from '../support/graphql-client';
import { eventually, waitUntilPast } from '../support/polling';
import { loginWithTotp, ProtectedAccount, protectWithTotp } from '../support/protected-account';
import { sendSessionOperation, sessions, stepUp } from '../support/sessions-client';
import { TotpAuthenticator } from '../support/totp';
import { logonWith, sessionOf } from '../support/devices';

/** How old a second-factor proof may be here: small, so a proof can be seen to age. */
const STEP_UP_MAX_AGE_SECONDS = 3;

// Step-up (issue 10): with SENSITIVE_OPERATION in the scenes, a sensitive operation needs a fresh
// second factor on the acting session; `stepUp` gives one.
describe('step-up', () => {
  // Every test builds its own protected account from one client address: the per-address limits
  // (rate-limits.e2e-spec.ts) would answer RATE_LIMITED before the behaviour checked here.
  const suite = startAppForSuite({
    env: {
      STEP_UP_MAX_AGE_SECONDS: String(STEP_UP_MAX_AGE_SECONDS),
      RATE_LIMIT_LOGON_PER_ADDRESS: '1000/60',
      RATE_LIMIT_VERIFICATION_PER_ADDRESS: '1000/60',
      RATE_LIMIT_ATTEMPTS_PER_ACCOUNT: '1000/60',
    },
  });

  const sensitiveRefused = async (token: string) => {
    expectError(await send(suite.api, 'requestProtectionDisable', { input: { verifyBy: 'SMS' } }, token), 'STEP_UP_REQUIRED');
    expectError(
      await send(suite.api, 'requestVerification', { input: { verifyBy: 'SMS', purpose: 'ADD_AUTHENTICATOR' } }, token),
      'STEP_UP_REQUIRED',
    );
  };

  /** TOTP on LOGON + SENSITIVE_OPERATION, and a fresh TOTP logon whose proof has then aged past the maximum. */
  async function staleTotpSession(): Promise<{ account: ProtectedAccount; token: string }> {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS', ['LOGON', 'SENSITIVE_OPERATION']);
    const { token } = await loginWithTotp(suite.api, account);
    // The session list is a projection: wait until it shows the logon's session.
    const listed = await eventually(
      () => sessions(suite.api, token),
      (list) => list.some((s) => s.current && s.secondFactorAt),
    );
    const current = listed.find((s) => s.current);
    if (!current?.secondFactorAt) throw new Error('the TOTP logon holds no second-factor proof');
    await waitUntilPast(new Date(Date.parse(current.secondFactorAt) + STEP_UP_MAX_AGE_SECONDS * 1000).toISOString());
    return { account, token };
  }

  it("lets the logon's own second factor count while it is fresh", async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS', ['LOGON', 'SENSITIVE_OPERATION']);
    const { token } = await loginWithTotp(suite.api, account);
    const verification = await requestVerification(suite.api, token, { verifyBy: 'SMS', purpose: 'ADD_AUTHENTICATOR' });
    expect(verification.verificationId).toEqual(expect.any(String));
  });

  it('refuses disabling protection and adding a device with a stale proof, until stepUp with a fresh code', async () => {
    const { account, token } = await staleTotpSession();
    await sensitiveRefused(token);
    expect((await me(suite.api, token))?.security.protectionEnabled).toBe(true);

    const { validUntil } = await stepUp(suite.api, token, await account.authenticator.nextCode());
    expect(Date.parse(validUntil)).toBeGreaterThan(Date.now());
    suite.receivers.sms.clear();
    const add = await requestVerification(suite.api, token, { verifyBy: 'SMS', purpose: 'ADD_AUTHENTICATOR' });
    await verifyIdentity(suite.api, token, {
      verificationId: add.verificationId,
      code: await suite.receivers.waitForCode('SMS', account.phone),
    });
    const enrollment = await beginTotpBinding(suite.api, token, { verificationId: add.verificationId, name: 'tablet' });
    const tablet = new TotpAuthenticator(enrollment.secret);
    await bindTotp(suite.api, token, { enrollmentId: enrollment.enrollmentId, code: await tablet.nextCode() });

    // The step-up has aged too: disabling needs another one.
    await waitUntilPast(validUntil);
    await sensitiveRefused(token);
    // Removing TOTP protection also takes a TOTP code (a delivered code alone never does): the tablet's,
    // taken before the step-up so that no wait for the clock ages the proof. The phone has spent three
    // codes in a row (a fourth would wait for the clock), so this step-up takes a recovery code.
    const totpCode = await tablet.nextCode();
    await stepUp(suite.api, token, account.recoveryCodes[0] ?? '');
    suite.receivers.sms.clear();
    const disable = await requestProtectionDisable(suite.api, token, { verifyBy: 'SMS' });
    const code = await suite.receivers.waitForCode('SMS', account.phone);
    const { security } = await disableProtection(suite.api, token, { verificationId: disable.verificationId, code, totpCode });
    expect(security).toMatchObject({ protectionEnabled: false, totpBound: false });
  });

  it('asks for a step-up before changing the password, a device, the recovery codes or the phone; a recovery code gives one', async () => {
    const { account, token } = await staleTotpSession();
    const authenticatorId = account.enrollment.enrollmentId;
    const newPassword = `${account.password}-renewed`;
    const sensitive = {
      changePassword: { input: { currentPassword: account.password, newPassword } },
      renameAuthenticator: { input: { authenticatorId, name: 'renamed phone' } },
      regenerateRecoveryCodes: {},
      changePhone: { input: { phone: '+15550001111' } },
    } as const;
    for (const [operation, variables] of Object.entries(sensitive)) {
      expectError(await send(suite.api, operation as keyof typeof sensitive, variables, token), 'STEP_UP_REQUIRED');
    }
    const recoveryCode = account.recoveryCodes[0] ?? '';
    await stepUp(suite.api, token, recoveryCode);
    expect(await send(suite.api, 'changePassword', sensitive.changePassword, token)).toMatchObject({
      body: { data: { changePassword: true } },
    });
    const regenerated = await send(suite.api, 'regenerateRecoveryCodes', {}, token);
    expect(regenerated.body.errors).toBeUndefined();
    // A recovery code proves a step-up once: spent, it is refused.
    expectError(await sendSessionOperation(suite.api, 'stepUp', token, { input: { code: recoveryCode } }), 'INVALID_CODE');
  });

  it('asks a password-only session for a step-up when protection covers SENSITIVE_OPERATION alone', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS', ['SENSITIVE_OPERATION']);
    const done = await login(suite.api, { loginName: account.loginName, password: account.password });
    const token = done.session?.token ?? '';
    expect(done.status).toBe('SUCCEEDED');
    await sensitiveRefused(token);
    await stepUp(suite.api, token, await account.authenticator.nextCode());
    expect((await requestProtectionDisable(suite.api, token, { verifyBy: 'SMS' })).verificationId).toEqual(expect.any(String));
  });

  it('answers a replayed or wrong step-up code INVALID_CODE, and the session stays unproven', async () => {
    const { account, token } = await staleTotpSession();
    const code = await account.authenticator.nextCode();
    await stepUp(suite.api, token, code);
    // A second session, logged on with a recovery code: the authenticator's fourth code in a row
    // would wait for the clock, and the spent recovery code is one more code to replay.
    const recoveryCode = account.recoveryCodes[0] ?? '';
    const second = sessionOf(await logonWith(suite.api, account, recoveryCode));
    await waitUntilPast(new Date(Date.now() + STEP_UP_MAX_AGE_SECONDS * 1000).toISOString());
    expectError(await sendSessionOperation(suite.api, 'stepUp', second, { input: { code } }), 'INVALID_CODE');
    expectError(await sendSessionOperation(suite.api, 'stepUp', second, { input: { code: recoveryCode } }), 'INVALID_CODE');
    expectError(
      await sendSessionOperation(suite.api, 'stepUp', second, { input: { code: account.authenticator.wrongCode() } }),
      'INVALID_CODE',
    );
    await sensitiveRefused(second);
    expectError(await sendSessionOperation(suite.api, 'stepUp', second, { input: { code: '12ab56' } }), 'BAD_USER_INPUT');
  });

  it('counts wrong step-up codes towards the lock', async () => {
    const { account, token } = await staleTotpSession();
    let last = '';
    for (let attempt = 0; attempt < 5; attempt++) {
      const answer = await sendSessionOperation(suite.api, 'stepUp', token, { input: { code: account.authenticator.wrongCode() } });
      last = String(answer.body.errors?.[0]?.extensions?.code);
    }
    expect(last).toBe('ACCOUNT_LOCKED');
    const locked = await eventually(
      () => me(suite.api, token),
      (read) => read?.security.lockedUntil != null,
    );
    expect(locked?.security.lockedUntil).toEqual(expect.any(String));
    expectError(
      await sendSessionOperation(suite.api, 'stepUp', token, { input: { code: await account.authenticator.nextCode() } }),
      'ACCOUNT_LOCKED',
    );
  });
});
