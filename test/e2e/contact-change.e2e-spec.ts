import { startAppForSuite } from '../support/app-for-suite';
import {
  changeEmail,
  changePhone,
  completeLogin,
  confirmContactChange,
  enableProtection,
  login,
  send,
  verifyIdentity,
} from '../support/flow';
import { expectError } from '../support/graphql-client';
import { newAccountDetails, otherCode, RegisteredAccount, registerAndLogin } from '../support/protected-account';

/** Changing the phone or email: the new destination proves itself with a code before it carries any. */
describe('changing the phone or email', () => {
  // Several code sends and checks from one client address per test: the per-address limits would answer RATE_LIMITED first.
  const suite = startAppForSuite({ env: { RATE_LIMIT_VERIFICATION_PER_ADDRESS: '1000/60', RATE_LIMIT_LOGON_PER_ADDRESS: '1000/60' } });

  /** A registered account with SMS protection on logon, set up with a code to its phone. */
  async function smsProtected(): Promise<RegisteredAccount> {
    const account = await registerAndLogin(suite.api);
    const { verificationId } = await enableProtection(suite.api, account.token, { scenes: ['LOGON'], method: 'SMS', verifyBy: 'SMS' });
    await verifyIdentity(suite.api, account.token, { verificationId, code: await suite.receivers.waitForCode('SMS', account.phone) });
    return account;
  }

  it('moves SMS logon codes to a new phone only after both phones answered their code', async () => {
    const account = await smsProtected();
    const newPhone = newAccountDetails().phone;
    suite.receivers.sms.clear();
    const started = await changePhone(suite.api, account.token, { phone: newPhone });
    expect(started.verification).toMatchObject({ channel: 'SMS', maskedDestination: expect.stringMatching(/\*/) });
    expect(started.verification.maskedDestination).not.toContain(newPhone.slice(3));
    expect(started.currentVerification).toMatchObject({ verificationId: started.verification.verificationId, channel: 'SMS' });
    const code = await suite.receivers.waitForCode('SMS', newPhone);
    const currentCode = await suite.receivers.waitForCode('SMS', account.phone);
    const { verificationId } = started.verification;

    // A stolen session holds the new phone only: the current phone's code is missing, or guessed.
    expectError(
      await send(suite.api, 'confirmContactChange', { input: { verificationId, code } }, account.token),
      'SECOND_FACTOR_REQUIRED',
    );
    const guessed = { verificationId, code, currentCode: otherCode(currentCode) };
    expectError(await send(suite.api, 'confirmContactChange', { input: guessed }, account.token), 'INVALID_CODE');
    const confirmed = await confirmContactChange(suite.api, account.token, { verificationId, code, currentCode });
    expect(confirmed).toEqual({ channel: 'SMS', maskedDestination: started.verification.maskedDestination });

    suite.receivers.sms.clear();
    const challenged = await login(suite.api, { loginName: account.loginName, password: account.password });
    expect(challenged).toMatchObject({ status: 'MFA_REQUIRED', challenge: { methods: ['SMS'] } });
    const logonCode = await suite.receivers.waitForCode('SMS', newPhone);
    expect(suite.receivers.sms.delivered.filter((m) => m.to === account.phone)).toEqual([]);
    const done = await completeLogin(suite.api, { challengeId: challenged.challenge?.challengeId ?? '', code: logonCode });
    expect(done).toMatchObject({ status: 'SUCCEEDED', session: { accountId: account.accountId } });
  });

  it('changes an email with a code to the new address, which is then proven for logon codes', async () => {
    const account = await registerAndLogin(suite.api);
    const newEmail = newAccountDetails().email;
    const started = await changeEmail(suite.api, account.token, { email: newEmail });
    expect(started.currentVerification).toBeNull();
    const { verificationId } = started.verification;
    const code = await suite.receivers.waitForCode('EMAIL', newEmail);
    expectError(
      await send(suite.api, 'confirmContactChange', { input: { verificationId, code: otherCode(code) } }, account.token),
      'INVALID_CODE',
    );
    expect(await confirmContactChange(suite.api, account.token, { verificationId, code })).toMatchObject({ channel: 'EMAIL' });
    // Proven by the change: EMAIL protection may now be set up with a code by SMS.
    const enabling = await enableProtection(suite.api, account.token, { scenes: ['LOGON'], method: 'EMAIL', verifyBy: 'SMS' });
    await verifyIdentity(suite.api, account.token, {
      verificationId: enabling.verificationId,
      code: await suite.receivers.waitForCode('SMS', account.phone),
    });
    const challenged = await login(suite.api, { loginName: account.loginName, password: account.password });
    expect(challenged).toMatchObject({ status: 'MFA_REQUIRED', challenge: { methods: ['EMAIL'] } });
    const logonCode = await suite.receivers.waitForCode('EMAIL', newEmail);
    expect(await completeLogin(suite.api, { challengeId: challenged.challenge?.challengeId ?? '', code: logonCode })).toMatchObject({
      status: 'SUCCEEDED',
    });
  });

  it('refuses a malformed destination and callers without a session', async () => {
    const account = await registerAndLogin(suite.api);
    const bad = expectError(await send(suite.api, 'changePhone', { input: { phone: '0123' } }, account.token), 'BAD_USER_INPUT');
    expect(bad.message).toMatch(/phone/);
    expect(bad.message).not.toContain('0123');
    expectError(await send(suite.api, 'changeEmail', { input: { email: 'not-an-address' } }, account.token), 'BAD_USER_INPUT');
    expectError(await send(suite.api, 'changePhone', { input: { phone: '+15550001234' } }), 'UNAUTHENTICATED');
  });
});
