import { startAppForSuite } from '../support/app-for-suite';
import { disableProtection, requestProtectionDisable } from '../support/flow';
import { createApiKey, Subscriber } from '../support/graphql-ws-subscriber';
import { protectWithTotp } from '../support/protected-account';

interface SecurityEvent {
  id: string;
  type: string;
  subject: string;
  position: string;
  data: Record<string, unknown>;
}

const SECURITY_EVENTS = `subscription securityEvents($types: [String!], $afterPosition: String) {
  securityEvents(types: $types, afterPosition: $afterPosition) { id type subject position data } }`;
const TYPES = ['identity.mfa.disabled.v1', 'identity.protection.changed.v1'];

describe('identity.mfa.disabled.v1 over graphql-ws', () => {
  const suite = startAppForSuite();
  let subscriber: Subscriber<SecurityEvent> | undefined;
  afterAll(async () => subscriber?.dispose());

  it('reaches a securityEvents subscriber after disableProtection, with protection.changed (off) as its partner', async () => {
    const integratorKey = await createApiKey(suite.app.env, 'integrator');
    subscriber = new Subscriber<SecurityEvent>(suite.app.baseUrl, { apiKey: integratorKey }, SECURITY_EVENTS, { types: TYPES });
    await subscriber.whenConnected();
    const account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    suite.receivers.sms.clear();
    const { verificationId } = await requestProtectionDisable(suite.api, account.token, { verifyBy: 'SMS' });
    const code = await suite.receivers.waitForCode('SMS', account.phone);
    await disableProtection(suite.api, account.token, { verificationId, code, totpCode: await account.authenticator.nextCode() });

    const events = (await subscriber.waitForItems(3)).filter((e) => e.subject === account.accountId);
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['identity.protection.changed.v1', { accountId: account.accountId, protectionEnabled: true, method: 'TOTP', scenes: ['LOGON'] }],
      ['identity.mfa.disabled.v1', { accountId: account.accountId, method: 'TOTP' }],
      ['identity.protection.changed.v1', { accountId: account.accountId, protectionEnabled: false, method: null, scenes: [] }],
    ]);
    const [, disabled, changed] = events;
    if (!disabled || !changed) throw new Error('expected three integration events');
    expect(changed.id).toBe(`${disabled.id}:protection-changed`);
    expect(changed.position).toBe(disabled.position);
  });
});
