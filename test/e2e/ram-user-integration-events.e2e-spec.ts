import { startAppForSuite } from '../support/app-for-suite';
import { createApiKey, Subscriber } from '../support/graphql-ws-subscriber';
import { completeEnrollment, consecutivePair, logOn } from '../support/logon-aids-client';
import { RegisteredAccount, registerAndLogin } from '../support/protected-account';
import { createRamUser, newRamUserPassword, RamUser, runRamUserOperation } from '../support/ram-users-client';
import { WebhookClient } from '../support/webhook-client';
import { ReceivedWebhook, WebhookReceiver } from '../support/webhook-receiver';

interface SecurityEvent {
  id: string;
  type: string;
  subject: string;
  primaryaccountid: string | null;
  data: Record<string, unknown>;
}
interface MfaEnabledEvent {
  accountId: string;
  primaryAccountId: string | null;
}

const TYPES = ['identity.login.succeeded.v1', 'identity.mfa.enabled.v1', 'identity.account.erased.v1'];
const SECURITY_EVENTS = `subscription securityEvents($types: [String!]) {
  securityEvents(types: $types) { id type subject primaryaccountid data } }`;
const MFA_ENABLED = 'subscription mfaEnabled { mfaEnabled { accountId primaryAccountId } }';

// Issue 11, item 5: "Integration events for RAM users carry the primary account id" (docs/events.md),
// over both feeds: the graphql-ws subscriptions and a signed webhook.
describe("RAM users' integration events carry the primary account id", () => {
  const suite = startAppForSuite({
    env: {
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_RETRY_BASE_MS: '20',
      WEBHOOK_RETRY_MAX_MS: '200',
      RATE_LIMIT_REGISTRATION_PER_ADDRESS: '1000/60',
      RATE_LIMIT_LOGON_PER_ADDRESS: '1000/60',
    },
  });
  let receiver: WebhookReceiver;
  const subscribers: Subscriber<unknown>[] = [];
  let primary: RegisteredAccount;
  let ramUser: RamUser;

  const delivered = (accountId: string) => (requests: ReceivedWebhook[]) =>
    requests.filter((r) => r.status < 300 && r.verified && r.event.subject === accountId);

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await Promise.allSettled(subscribers.map((s) => s.dispose()));
    await receiver?.close();
  });

  it('sends a RAM user its primary as primaryaccountid, over securityEvents, mfaEnabled and a webhook; a primary none', async () => {
    const integrator = await createApiKey(suite.app.env, 'integrator');
    const hook = await new WebhookClient(suite.app.graphqlUrl).mustCreate(
      { 'x-api-key': integrator },
      { url: receiver.url, eventTypes: TYPES },
    );
    receiver.verifyWith(hook.secret ?? '');
    const events = new Subscriber<SecurityEvent>(suite.app.baseUrl, { apiKey: integrator }, SECURITY_EVENTS, { types: TYPES });
    const mfaEnabled = new Subscriber<MfaEnabledEvent>(suite.app.baseUrl, { apiKey: integrator }, MFA_ENABLED);
    subscribers.push(events as Subscriber<unknown>, mfaEnabled as Subscriber<unknown>);
    await Promise.all([events.whenConnected(), mfaEnabled.whenConnected()]);

    primary = await registerAndLogin(suite.api);
    const password = newRamUserPassword();
    ramUser = await createRamUser(suite.api, primary.token, { loginName: 'ivy', password, mfaRequired: true });
    const answer = await logOn(suite.api, { loginName: ramUser.loginName, password });
    const { code1, code2 } = consecutivePair(answer.enrollment?.secret ?? '');
    const enrolled = await completeEnrollment(suite.api, { enrollmentId: answer.enrollment?.enrollmentId ?? '', code1, code2 });
    expect(enrolled).toMatchObject({ status: 'SUCCEEDED', session: { accountId: ramUser.accountId } });

    const received = (await events.waitForItems(3)).map((e) => [e.type, e.subject, e.primaryaccountid]);
    expect(received).toEqual([
      ['identity.login.succeeded.v1', primary.accountId, null],
      ['identity.mfa.enabled.v1', ramUser.accountId, primary.accountId],
      ['identity.login.succeeded.v1', ramUser.accountId, primary.accountId],
    ]);
    expect(await mfaEnabled.waitForItems(1)).toEqual([{ accountId: ramUser.accountId, primaryAccountId: primary.accountId }]);

    await receiver.waitFor(
      (requests) => delivered(ramUser.accountId)(requests).length >= 2 && delivered(primary.accountId)(requests).length >= 1,
    );
    const [primarysLogon] = delivered(primary.accountId)(receiver.requests);
    expect(primarysLogon?.event.type).toBe('identity.login.succeeded.v1');
    expect(JSON.parse(primarysLogon?.body ?? '{}')).not.toHaveProperty('primaryaccountid');
    expect(delivered(ramUser.accountId)(receiver.requests).map((r) => [r.event.type, r.event.primaryaccountid])).toEqual([
      ['identity.mfa.enabled.v1', primary.accountId],
      ['identity.login.succeeded.v1', primary.accountId],
    ]);
  });

  it('still knows the primary after a restart, from the RAM user registration in the store', async () => {
    await suite.app.restart();
    const deleted = await runRamUserOperation<{ deleted: boolean }>(
      suite.api,
      'deleteRamUser',
      { input: { accountId: ramUser.accountId } },
      primary.token,
    );
    expect(deleted.deleted).toBe(true);

    await receiver.waitFor((requests) => delivered(ramUser.accountId)(requests).some((r) => r.event.type === 'identity.account.erased.v1'));
    const erased = delivered(ramUser.accountId)(receiver.requests).find((r) => r.event.type === 'identity.account.erased.v1');
    expect(erased?.event).toMatchObject({ primaryaccountid: primary.accountId, data: { accountId: ramUser.accountId, by: 'PRIMARY' } });
  });
});
