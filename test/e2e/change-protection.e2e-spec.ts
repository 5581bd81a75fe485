import { startAppForSuite } from '../support/app-for-suite';
import { changeProtection, completeLogin, enableProtection, login, me, requestVerification, send, verifyIdentity } from '../support/flow';
import { expectError } from '../support/graphql-client';
import { eventually } from '../support/polling';
import { createApiKey, Subscriber } from '../support/graphql-ws-subscriber';
import { ProtectedAccount, protectWithTotp, registerAndLogin } from '../support/protected-account';

interface SecurityEvent {
  id: string;
  type: string;
  subject: string;
  data: Record<string, unknown>;
}
const SECURITY_EVENTS = `subscription securityEvents($types: [String!]) { securityEvents(types: $types) { id type subject data } }`;

/** Changing protection: a TOTP code is what weakens TOTP protection, never an SMS code alone. */
describe('changing protection', () => {
  // Several verifications from one client address per test: the per-address limits would answer RATE_LIMITED first.
  const suite = startAppForSuite({ env: { RATE_LIMIT_VERIFICATION_PER_ADDRESS: '1000/60', RATE_LIMIT_LOGON_PER_ADDRESS: '1000/60' } });

  /** requestVerification(CHANGE_PROTECTION) by SMS, verified with the code the phone received. */
  async function verifiedChange(account: ProtectedAccount): Promise<string> {
    suite.receivers.sms.clear();
    const { verificationId } = await requestVerification(suite.api, account.token, { verifyBy: 'SMS', purpose: 'CHANGE_PROTECTION' });
    const code = await suite.receivers.waitForCode('SMS', account.phone);
    await verifyIdentity(suite.api, account.token, { verificationId, code });
    return verificationId;
  }

  async function expectLogonAsksForTotp(account: ProtectedAccount): Promise<void> {
    const answer = await login(suite.api, { loginName: account.loginName, password: account.password });
    expect(answer).toMatchObject({ status: 'MFA_REQUIRED', session: null, challenge: { methods: ['TOTP'] } });
  }

  it('refuses a stolen session with an SMS code: protection stays, logon still asks for TOTP', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    const replace = { input: { scenes: ['SENSITIVE_OPERATION'], method: 'SMS', verifyBy: 'SMS' } };
    expectError(await send(suite.api, 'enableProtection', replace, account.token), 'SECOND_FACTOR_REQUIRED');
    const verificationId = await verifiedChange(account);
    const bySmsAlone = { input: { scenes: ['SENSITIVE_OPERATION'], method: 'SMS', verificationId } };
    expect(expectError(await send(suite.api, 'changeProtection', bySmsAlone, account.token), 'SECOND_FACTOR_REQUIRED').message).toMatch(
      /TOTP/,
    );
    const dropLogon = { input: { scenes: ['SENSITIVE_OPERATION'], method: 'TOTP', verificationId } };
    expectError(await send(suite.api, 'changeProtection', dropLogon, account.token), 'SECOND_FACTOR_REQUIRED');
    const guessed = { input: { ...bySmsAlone.input, totpCode: account.authenticator.wrongCode() } };
    expectError(await send(suite.api, 'changeProtection', guessed, account.token), 'INVALID_CODE');
    expect((await me(suite.api, account.token))?.security).toMatchObject({ protectionEnabled: true, method: 'TOTP', scenes: ['LOGON'] });
    await expectLogonAsksForTotp(account);
  });

  it('changes TOTP on logon to SMS on sensitive operations with a TOTP code; integrators get mfa.disabled', async () => {
    const integratorKey = await createApiKey(suite.app.env, 'integrator');
    const subscriber = new Subscriber<SecurityEvent>(suite.app.baseUrl, { apiKey: integratorKey }, SECURITY_EVENTS, {
      types: ['identity.mfa.disabled.v1', 'identity.protection.changed.v1'],
    });
    try {
      await subscriber.whenConnected();
      const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
      const verificationId = await verifiedChange(account);
      const input = { scenes: ['SENSITIVE_OPERATION' as const], method: 'SMS' as const, verificationId };
      const { security } = await changeProtection(suite.api, account.token, { ...input, totpCode: await account.authenticator.nextCode() });
      expect(security).toMatchObject({ protectionEnabled: true, method: 'SMS', scenes: ['SENSITIVE_OPERATION'], totpBound: false });
      // The read model follows ProtectionChanged.
      const mine = await eventually(
        () => me(suite.api, account.token),
        (read) => read?.security.method === 'SMS',
      );
      expect(mine?.security).toMatchObject({ protectionEnabled: true, scenes: ['SENSITIVE_OPERATION'], totpBound: false });

      const events = (await subscriber.waitForItems(3)).filter((e) => e.subject === account.accountId);
      expect(events.slice(1).map((e) => [e.type, e.data])).toEqual([
        ['identity.mfa.disabled.v1', { accountId: account.accountId, method: 'TOTP' }],
        [
          'identity.protection.changed.v1',
          {
            accountId: account.accountId,
            protectionEnabled: true,
            method: 'SMS',
            scenes: ['SENSITIVE_OPERATION'],
            previous: { method: 'TOTP', scenes: ['LOGON'] },
          },
        ],
      ]);
      // The verification served this change: it serves no other.
      const again = { input: { ...input, scenes: ['LOGON', 'SENSITIVE_OPERATION'] } };
      expectError(await send(suite.api, 'changeProtection', again, account.token), 'VERIFICATION_REQUIRED');
      const answer = await login(suite.api, { loginName: account.loginName, password: account.password });
      expect(answer).toMatchObject({ status: 'SUCCEEDED', challenge: null });
    } finally {
      await subscriber.dispose();
    }
  });

  it('adds a scene to TOTP protection without a TOTP code', async () => {
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    const verificationId = await verifiedChange(account);
    const { security } = await changeProtection(suite.api, account.token, {
      scenes: ['LOGON', 'SENSITIVE_OPERATION'],
      method: 'TOTP',
      verificationId,
    });
    expect(security).toMatchObject({ method: 'TOTP', scenes: ['LOGON', 'SENSITIVE_OPERATION'], totpBound: true });
    await expectLogonAsksForTotp(account);
  });

  it('never makes an unproven email the logon channel', async () => {
    const account = await registerAndLogin(suite.api);
    const bySms = { input: { scenes: ['LOGON'], method: 'EMAIL', verifyBy: 'SMS' } };
    expect(expectError(await send(suite.api, 'enableProtection', bySms, account.token), 'BAD_USER_INPUT').message).toMatch(/not proven/);
    suite.receivers.smtp.clear();
    const { verificationId } = await enableProtection(suite.api, account.token, { scenes: ['LOGON'], method: 'EMAIL', verifyBy: 'EMAIL' });
    await verifyIdentity(suite.api, account.token, { verificationId, code: await suite.receivers.waitForCode('EMAIL', account.email) });
    suite.receivers.smtp.clear();
    const started = await login(suite.api, { loginName: account.loginName, password: account.password });
    expect(started).toMatchObject({ status: 'MFA_REQUIRED', challenge: { methods: ['EMAIL'] } });
    const code = await suite.receivers.waitForCode('EMAIL', account.email);
    const done = await completeLogin(suite.api, { challengeId: started.challenge?.challengeId ?? '', code });
    expect(done).toMatchObject({ status: 'SUCCEEDED' });
  });
});
