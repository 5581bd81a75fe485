import { eventually } from '../support/polling';
import { startAppForSuite } from '../support/app-for-suite';
import { accountSecurity } from '../support/flow';
import { errorCodes, expectError } from '../support/graphql-client';
import {
  answerChallenge,
  completeEnrollment,
  consecutivePair,
  LogonAnswer,
  logOn,
  runAid,
  sendAid,
  setSecurityPreference,
} from '../support/logon-aids-client';
import { registerAndLogin } from '../support/protected-account';
import { changeRamUser, createRamUser, newRamUserPassword, NewRamUser } from '../support/ram-users-client';
import { codeForStep } from '../support/totp';

const THRESHOLD = 5; // the default LOCKOUT_THRESHOLD

// Issue 11, item 3: a RAM user whose MFA is required and who has no authenticator enrolls at its
// logon with two consecutive codes (docs/ram-users.md); with passwordResetRequired it sets a new password first.
describe('RAM users: forced enrollment and the first password change', () => {
  const suite = startAppForSuite({
    env: {
      RATE_LIMIT_LOGON_PER_ADDRESS: '1000/60',
      RATE_LIMIT_REGISTRATION_PER_ADDRESS: '1000/60',
      RATE_LIMIT_ATTEMPTS_PER_ACCOUNT: '1000/60',
    },
  });

  /** A primary and one of its RAM users, created with `settings`. */
  async function ramUser(settings: Partial<NewRamUser> = { mfaRequired: true }) {
    const primary = await registerAndLogin(suite.api);
    const password = newRamUserPassword();
    const user = await createRamUser(suite.api, primary.token, { loginName: 'alice', password, ...settings });
    return { primary, user, credentials: { loginName: user.loginName, password } };
  }

  const enrollmentOf = (answer: LogonAnswer) => {
    expect(answer).toMatchObject({ status: 'MFA_ENROLLMENT_REQUIRED', session: null, challenge: null });
    const enrollment = answer.enrollment;
    if (!enrollment) throw new Error('no enrollment in the answer');
    expect(enrollment.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrollment.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    return enrollment;
  };

  it('enrolls at the first logon with two consecutive codes; the next logon asks for a code; the pair never logs on twice', async () => {
    const { user, credentials } = await ramUser();
    const enrollment = enrollmentOf(await logOn(suite.api, credentials));
    const pair = consecutivePair(enrollment.secret);
    const done = await completeEnrollment(suite.api, { enrollmentId: enrollment.enrollmentId, code1: pair.code1, code2: pair.code2 });
    expect(done).toMatchObject({ status: 'SUCCEEDED', session: { accountId: user.accountId } });
    // The security state is a projection: it shows the binding once the read model has applied it.
    const security = await eventually(
      () => accountSecurity(suite.api, done.session?.token ?? '', user.accountId),
      (view) => view?.totpBound === true,
    );
    expect(security).toMatchObject({
      protectionEnabled: true,
      method: 'TOTP',
      totpBound: true,
    });

    const again = { enrollmentId: enrollment.enrollmentId, code1: pair.code1, code2: pair.code2 };
    expectError(await sendAid(suite.api, 'completeEnrollment', { input: again }), 'INVALID_CODE');

    const second = await logOn(suite.api, credentials);
    expect(second).toMatchObject({ status: 'MFA_REQUIRED', challenge: { methods: ['TOTP'] }, enrollment: null });
    const challengeId = second.challenge?.challengeId ?? '';
    for (const spent of [pair.code2, pair.code1]) {
      expectError(await sendAid(suite.api, 'completeLogin', { input: { challengeId, code: spent } }), 'INVALID_CODE');
    }
    const fresh = await answerChallenge(suite.api, { challengeId, code: codeForStep(enrollment.secret, pair.step + 1) });
    expect(fresh).toMatchObject({ status: 'SUCCEEDED', session: { accountId: user.accountId } });
  });

  it('refuses a reversed pair, a pair that is not consecutive, one code twice and a forged enrollment id: INVALID_CODE', async () => {
    const { credentials } = await ramUser();
    const enrollment = enrollmentOf(await logOn(suite.api, credentials));
    const { code1, code2, step } = consecutivePair(enrollment.secret);
    const { enrollmentId } = enrollment;
    for (const input of [
      { enrollmentId, code1: code2, code2: code1 },
      { enrollmentId, code1: codeForStep(enrollment.secret, step - 2), code2 },
      { enrollmentId, code1: code2, code2 },
      { enrollmentId: `${enrollmentId.slice(0, -2)}AA`, code1, code2 },
    ]) {
      expectError(await sendAid(suite.api, 'completeEnrollment', { input }), 'INVALID_CODE');
    }
    expectError(await sendAid(suite.api, 'completeEnrollment', { input: { enrollmentId, code1: '12345', code2 } }), 'BAD_USER_INPUT');
    // The enrollment is still pending: the right pair binds it.
    expect((await completeEnrollment(suite.api, { enrollmentId, code1, code2 })).status).toBe('SUCCEEDED');
  });

  it('counts wrong pairs towards the lock, which then refuses even the right pair', async () => {
    const { credentials } = await ramUser();
    const enrollment = enrollmentOf(await logOn(suite.api, credentials));
    const { code1, code2 } = consecutivePair(enrollment.secret);
    const wrong = { enrollmentId: enrollment.enrollmentId, code1: code2, code2: code1 };
    const codes: string[] = [];
    for (let i = 0; i <= THRESHOLD; i++) codes.push(...errorCodes(await sendAid(suite.api, 'completeEnrollment', { input: wrong })));
    expect(codes.slice(0, THRESHOLD - 1)).toEqual(Array(THRESHOLD - 1).fill('INVALID_CODE'));
    expect(codes[THRESHOLD]).toBe('ACCOUNT_LOCKED');
    const right = { enrollmentId: enrollment.enrollmentId, code1, code2 };
    expectError(await sendAid(suite.api, 'completeEnrollment', { input: right }), 'ACCOUNT_LOCKED');
  });

  it("applies the primary's ramUserMfaRequired to a RAM user created without mfaRequired", async () => {
    const { primary, credentials } = await ramUser({ mfaRequired: false });
    expect((await logOn(suite.api, credentials)).status).toBe('SUCCEEDED');
    await setSecurityPreference(suite.api, primary.token, { ramUserMfaRequired: true });
    enrollmentOf(await logOn(suite.api, credentials));
  });

  it('asks for a new password first with passwordResetRequired, then enrolls; the ticket serves once', async () => {
    const { user, credentials } = await ramUser({ mfaRequired: true, passwordResetRequired: true });
    const first = await logOn(suite.api, credentials);
    expect(first).toMatchObject({ status: 'PASSWORD_CHANGE_REQUIRED', session: null, enrollment: null });
    const ticket = first.passwordChange?.ticket ?? '';
    const change = (input: Record<string, unknown>) => sendAid(suite.api, 'completePasswordChange', { input: { ticket, ...input } });
    expect(expectError(await change({ newPassword: credentials.password }), 'BAD_USER_INPUT').extensions?.field).toBe('newPassword');
    expectError(await change({ newPassword: 'password1' }), 'BAD_USER_INPUT');
    const forged = { ticket: `${ticket.slice(0, -2)}AA`, newPassword: `${credentials.password}-new` };
    expect(expectError(await sendAid(suite.api, 'completePasswordChange', { input: forged }), 'BAD_USER_INPUT').extensions?.field).toBe(
      'ticket',
    );

    const newPassword = `${credentials.password}-new`;
    const changed = await runAid<LogonAnswer>(suite.api, 'completePasswordChange', { input: { ticket, newPassword } });
    const enrollment = enrollmentOf(changed);
    expect(expectError(await change({ newPassword: `${newPassword}-again` }), 'BAD_USER_INPUT').extensions?.field).toBe('ticket');
    expectError(await sendAid(suite.api, 'login', { input: credentials }), 'INVALID_CREDENTIALS');

    enrollmentOf(await logOn(suite.api, { ...credentials, password: newPassword }));
    const { code1, code2 } = consecutivePair(enrollment.secret);
    const done = await completeEnrollment(suite.api, { enrollmentId: enrollment.enrollmentId, code1, code2 });
    expect(done).toMatchObject({ status: 'SUCCEEDED', session: { accountId: user.accountId } });
  });

  it('goes on to a session after the new password when nothing else is required', async () => {
    const { user, credentials } = await ramUser({ passwordResetRequired: true });
    const first = await logOn(suite.api, credentials);
    const newPassword = `${credentials.password}-new`;
    const input = { ticket: first.passwordChange?.ticket, newPassword };
    const changed = await runAid<LogonAnswer>(suite.api, 'completePasswordChange', { input });
    expect(changed).toMatchObject({ status: 'SUCCEEDED', session: { accountId: user.accountId } });
    expect((await logOn(suite.api, { ...credentials, password: newPassword })).status).toBe('SUCCEEDED');
  });

  it('finishes no enrollment and takes no password ticket once the primary disabled the user', async () => {
    const enrolling = await ramUser({ mfaRequired: true });
    const enrollment = enrollmentOf(await logOn(suite.api, enrolling.credentials));
    const changing = await ramUser({ passwordResetRequired: true });
    const ticket = (await logOn(suite.api, changing.credentials)).passwordChange?.ticket;
    for (const { primary, user } of [enrolling, changing])
      await changeRamUser(suite.api, primary.token, 'disableRamUser', { accountId: user.accountId });

    const pair = consecutivePair(enrollment.secret);
    const input = { enrollmentId: enrollment.enrollmentId, code1: pair.code1, code2: pair.code2 };
    expectError(await sendAid(suite.api, 'completeEnrollment', { input }), 'INVALID_CREDENTIALS');
    const newPassword = `${changing.credentials.password}-new`;
    expectError(await sendAid(suite.api, 'completePasswordChange', { input: { ticket, newPassword } }), 'INVALID_CREDENTIALS');
  });
});
