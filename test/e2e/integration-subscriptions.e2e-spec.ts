import { KurrentDbTestServer } from '../kurrentdb-test-server';
import { AppProcess } from '../support/app-process';
import { DeliveryReceivers } from '../support/delivery-receivers';
import { Api, beginTotpBinding, bindTotp, enableProtection, login, send, verifyIdentity } from '../support/flow';
import { createApiKey, Subscriber } from '../support/graphql-ws-subscriber';
import { otherCode, RegisteredAccount, registerAndLogin } from '../support/protected-account';
import { TotpAuthenticator } from '../support/totp';
import { defined } from '@identity/testing';

interface MfaEnabledEvent {
  eventId: string;
  accountId: string;
  method: string;
  scenes: string[];
  occurredAt: string;
  position: string;
}
interface SecurityEvent {
  specversion: string;
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: string;
  position: string;
  data: Record<string, unknown>;
}

const MFA_ENABLED = `subscription mfaEnabled($accountId: ID, $afterPosition: String) {
  mfaEnabled(accountId: $accountId, afterPosition: $afterPosition) { eventId accountId method scenes occurredAt position } }`;
const SECURITY_EVENTS = `subscription securityEvents($types: [String!], $afterPosition: String) {
  securityEvents(types: $types, afterPosition: $afterPosition) { specversion id source type subject time datacontenttype position data } }`;
const LOGIN_TYPES = ['identity.login.succeeded.v1', 'identity.login.failed.v1'];

// Issue 5, acceptance 1 and 3 (subscriptions), on both event stores.
describe.each(['sqlite', 'kurrentdb'] as const)('integration events over graphql-ws (EVENT_STORE=%s)', (eventStore) => {
  let server: KurrentDbTestServer | undefined;
  let receivers: DeliveryReceivers;
  let app: AppProcess;
  let api: Api;
  let integratorKey: string;
  const subscribers: Subscriber<unknown>[] = [];
  const subscribe = <T>(params: Record<string, unknown>, query: string, variables: Record<string, unknown> = {}) => {
    const subscriber = new Subscriber<T>(app.baseUrl, params, query, variables);
    subscribers.push(subscriber as Subscriber<unknown>);
    return subscriber;
  };

  beforeAll(async () => {
    server = eventStore === 'kurrentdb' ? await KurrentDbTestServer.start() : undefined;
    receivers = await DeliveryReceivers.start();
    const env: Record<string, string> = server ? { EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: server.connectionString } : {};
    app = await AppProcess.start({ ...receivers.appOptions, env });
    api = { graphqlUrl: app.graphqlUrl };
    integratorKey = await createApiKey(app.env, 'integrator');
  });
  afterAll(async () => {
    await Promise.allSettled(subscribers.map((s) => s.dispose()));
    await app?.dispose();
    await receivers?.close();
    await server?.stop();
  });

  it('delivers mfaEnabled to an integrator once bindTotp is acknowledged', async () => {
    const account = await registerAndLogin(api);
    const subscriber = subscribe<MfaEnabledEvent>({ apiKey: integratorKey }, MFA_ENABLED, { accountId: account.accountId });
    await subscriber.whenConnected();
    const other = subscribe<MfaEnabledEvent>({ apiKey: integratorKey }, MFA_ENABLED, { accountId: 'someone-else' });

    const verification = await enableProtection(api, account.token, { scenes: ['LOGON'], method: 'TOTP', verifyBy: 'SMS' });
    const code = await receivers.waitForCode('SMS', account.phone);
    await verifyIdentity(api, account.token, { verificationId: verification.verificationId, code });
    const enrollment = await beginTotpBinding(api, account.token, { verificationId: verification.verificationId });
    expect(subscriber.received.items).toEqual([]);
    const authenticator = new TotpAuthenticator(enrollment.secret);
    const { security } = await bindTotp(api, account.token, {
      enrollmentId: enrollment.enrollmentId,
      code: await authenticator.nextCode(),
    });

    const [event] = await subscriber.waitForItems(1);
    expect(event).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      accountId: account.accountId,
      method: 'TOTP',
      scenes: ['LOGON'],
      occurredAt: security.totpBoundAt,
      position: expect.stringMatching(/^\d+(:\d+)?$/),
    });
    expect(other.received.items).toEqual([]);
    // The same event, replayed from just before it, has the same id.
    const replay = subscribe<MfaEnabledEvent>({ apiKey: integratorKey }, MFA_ENABLED, { accountId: account.accountId, afterPosition: '0' });
    expect(await replay.waitForItems(1)).toEqual([event]);
  });

  it('gives a client that reconnects with its last position exactly the events it missed, then live ones', async () => {
    const bob: RegisteredAccount = await registerAndLogin(api);
    const failLogin = () => send(api, 'login', { input: { loginName: bob.loginName, password: otherCode(bob.password) } });
    const first = subscribe<SecurityEvent>({ apiKey: integratorKey }, SECURITY_EVENTS, { types: LOGIN_TYPES });
    await first.whenConnected();
    await login(api, { loginName: bob.loginName, password: bob.password });
    const seen = defined((await first.waitForItems(1))[0], 'the first login event');
    expect(seen).toMatchObject({
      specversion: '1.0',
      source: '/identity/accounts',
      type: 'identity.login.succeeded.v1',
      subject: bob.accountId,
      datacontenttype: 'application/json',
      data: { accountId: bob.accountId, method: 'PASSWORD' },
    });
    await first.dispose();

    await failLogin();
    await failLogin();
    await login(api, { loginName: bob.loginName, password: bob.password });
    const second = subscribe<SecurityEvent>({ apiKey: integratorKey }, SECURITY_EVENTS, {
      types: LOGIN_TYPES,
      afterPosition: seen.position,
    });
    const missed = await second.waitForItems(3);
    expect(missed.map((e) => [e.type, e.subject, e.data.reason ?? null, e.data.consecutiveFailures ?? null])).toEqual([
      ['identity.login.failed.v1', bob.accountId, 'WRONG_PASSWORD', 1],
      ['identity.login.failed.v1', bob.accountId, 'WRONG_PASSWORD', 2],
      ['identity.login.succeeded.v1', bob.accountId, null, null],
    ]);
    expect(missed.map((e) => e.id)).not.toContain(seen.id);
    expect(new Set(missed.map((e) => e.id)).size).toBe(3);

    await failLogin();
    const all = await second.waitForItems(4);
    expect(all[3]).toMatchObject({ type: 'identity.login.failed.v1', data: { consecutiveFailures: 1 } });
    expect(second.received.items).toHaveLength(4);
    expect(JSON.stringify(all)).not.toContain(bob.password.slice(0, 12));
  });

  it('refuses connections without an integrator or admin key (4403 Forbidden)', async () => {
    const person = await registerAndLogin(api);
    const auditorKey = await createApiKey(app.env, 'auditor');
    const refused = [
      subscribe({ authorization: `Bearer ${person.token}` }, SECURITY_EVENTS),
      subscribe({ apiKey: auditorKey }, SECURITY_EVENTS),
      subscribe({ apiKey: `${integratorKey.slice(0, -4)}AAAA` }, SECURITY_EVENTS),
      subscribe({}, SECURITY_EVENTS),
    ];
    for (const subscriber of refused) {
      await subscriber.waitForRefusal();
      expect({ closeCode: subscriber.closeCode, items: subscriber.received.items }).toEqual({ closeCode: 4403, items: [] });
    }
    const adminKey = await createApiKey(app.env, 'admin');
    await subscribe({ apiKey: adminKey }, SECURITY_EVENTS).whenConnected();
  });

  it('answers BAD_USER_INPUT for an unknown type or a position that is not one', async () => {
    for (const variables of [{ types: ['AccountLocked'] }, { afterPosition: 'yesterday' }]) {
      const subscriber = subscribe<SecurityEvent>({ apiKey: integratorKey }, SECURITY_EVENTS, variables);
      await subscriber.waitForRefusal();
      expect(subscriber.received.errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT' } }]);
    }
  });
});
