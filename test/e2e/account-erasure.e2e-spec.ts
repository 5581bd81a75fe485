import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '@identity/event-store';
import { SecretBox, SecretUnavailableError, SqliteKeyStore } from '@identity/security';
import { startAppForSuite } from '../support/app-for-suite';
import { apiKey, readWholeTrail } from '../support/audit-trail-client';
import { runCli } from '../support/cli-process';
import { expectError, gql } from '../support/graphql-client';
import { AccountSecurity, requestVerification, run, send, verifyIdentity } from '../support/flow';
import { createApiKey, Subscriber } from '../support/graphql-ws-subscriber';
import { newAccountDetails, ProtectedAccount, protectWithTotp, registerAndLogin } from '../support/protected-account';
import { eventually } from '../support/polling';

interface SecurityEvent {
  type: string;
  subject: string;
  data: Record<string, unknown>;
}
const ERASED_EVENTS = `subscription erased($types: [String!]) { securityEvents(types: $types) { type subject data } }`;
const SECURITY =
  'query ($id: ID!) { accountSecurity(accountId: $id) { accountId erased protectionEnabled totpBound authenticators { id } } }';

/** Every `enc:v1:` box anywhere in a stored event's data. */
function boxesIn(value: unknown): string[] {
  if (typeof value === 'string') return value.startsWith('enc:v1:') ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(boxesIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(boxesIn);
  return [];
}

/** Erasure destroys the account's data key: its events stay, their secrets and contact details do not. */
describe('account erasure', () => {
  const masterKey = randomBytes(32).toString('base64');
  // One client sends every request of the suite: above the per-address limits (rate-limits.e2e-spec.ts covers those).
  const suite = startAppForSuite({
    masterKey,
    env: {
      RATE_LIMIT_LOGON_PER_ADDRESS: '1000/60',
      RATE_LIMIT_VERIFICATION_PER_ADDRESS: '1000/60',
      RATE_LIMIT_CODE_SENDS_PER_ADDRESS: '1000/3600',
    },
  });
  let account: ProtectedAccount;
  let bystander: ProtectedAccount;
  let auditor: string;
  let subscriber: Subscriber<SecurityEvent>;
  let erasedSecurity: AccountSecurity & { erased: boolean };

  beforeAll(async () => {
    auditor = await createApiKey(suite.app.env, 'auditor');
    subscriber = new Subscriber<SecurityEvent>(
      suite.app.baseUrl,
      { apiKey: await createApiKey(suite.app.env, 'integrator') },
      ERASED_EVENTS,
      {
        types: ['identity.account.erased.v1'],
      },
    );
    await subscriber.whenConnected();
    account = await protectWithTotp(suite.api, suite.receivers, 'SMS');
    bystander = await protectWithTotp(suite.api, suite.receivers, 'EMAIL');
    suite.receivers.sms.clear();
    const { verificationId } = await requestVerification(suite.api, account.token, { verifyBy: 'SMS', purpose: 'ERASE_ACCOUNT' });
    await verifyIdentity(suite.api, account.token, { verificationId, code: await suite.receivers.waitForCode('SMS', account.phone) });
    erasedSecurity = (
      await run<{ security: AccountSecurity & { erased: boolean } }>(
        suite.api,
        'eraseAccount',
        { input: { verificationId } },
        account.token,
      )
    ).security;
  });
  afterAll(async () => subscriber?.dispose());

  it('answers with the account erased, and tells integrators identity.account.erased.v1', async () => {
    expect(erasedSecurity).toMatchObject({ accountId: account.accountId, erased: true, protectionEnabled: false, totpBound: false });
    const [event] = await subscriber.waitForItems(1);
    expect(event).toEqual({
      type: 'identity.account.erased.v1',
      subject: account.accountId,
      data: { accountId: account.accountId, by: 'SELF' },
    });
  });

  it('refuses its logon exactly like an unknown name, ends what its session could do, and keeps its name taken', async () => {
    const refused = await send(suite.api, 'login', { input: { loginName: account.loginName, password: account.password } });
    const unknown = await send(suite.api, 'login', { input: { loginName: newAccountDetails().loginName, password: account.password } });
    expectError(refused, 'INVALID_CREDENTIALS');
    expect(refused.body.errors?.[0]?.message).toBe(unknown.body.errors?.[0]?.message);
    expectError(
      await send(suite.api, 'requestVerification', { input: { verifyBy: 'SMS', purpose: 'ADD_AUTHENTICATOR' } }, account.token),
      'UNAUTHENTICATED',
    );
    expect((await send(suite.api, 'me', {}, account.token)).body.data).toEqual({ me: null });
    const again = { loginName: account.loginName, password: 'a brand new passphrase of words' };
    expectError(await send(suite.api, 'registerAccount', { input: again }), 'LOGIN_NAME_TAKEN');
  });

  it('shows the account erased in the read model, and its audit rows without personal data', async () => {
    const read = () =>
      gql<{ accountSecurity: Record<string, unknown> }>(suite.app.graphqlUrl, SECURITY, { id: account.accountId }, apiKey(auditor));
    const answer = await eventually(read, (r) => r.body.data?.accountSecurity?.erased === true);
    expect(answer.body.data?.accountSecurity).toEqual({
      accountId: account.accountId,
      erased: true,
      protectionEnabled: false,
      totpBound: false,
      authenticators: [],
    });
    const trail = await readWholeTrail(suite.app.graphqlUrl, apiKey(auditor), { accountId: account.accountId }, 100);
    expect(trail.events.map((e) => e.type)).toContain('AccountErased');
    const registered = trail.events.find((e) => e.type === 'AccountRegistered');
    expect(registered?.data).toMatchObject({ loginName: '[erased]', maskedPhone: '[erased]', maskedEmail: '[erased]' });
    for (const event of trail.events) expect([event.ip, event.userAgent]).toEqual([null, null]);
    const text = trail.texts.join('\n');
    for (const personal of [account.loginName, account.phone.slice(-4) + '"', account.email.split('@')[1]])
      expect(text).not.toContain(personal);
  });

  it('leaves no ciphertext of the account that decrypts, while another account’s still do', async () => {
    const store = new SqliteEventStore({ filePath: join(suite.app.dataDir, 'events.db') });
    const keyStore = new SqliteKeyStore(join(suite.app.dataDir, 'keys.db'));
    const box = new SecretBox(Buffer.from(masterKey, 'base64'), keyStore);
    try {
      const boxes = (await store.readStream(`account-${account.accountId}`)).flatMap((e) => boxesIn(e.data));
      // The phone, the email, the TOTP secret of the enrollment and of the bound authenticator.
      expect(boxes.length).toBeGreaterThanOrEqual(4);
      for (const sealed of boxes) expect(() => box.decrypt(account.accountId, sealed)).toThrow(SecretUnavailableError);
      const others = (await store.readStream(`account-${bystander.accountId}`)).flatMap((e) => boxesIn(e.data));
      const opened = others.map((sealed) => box.decrypt(bystander.accountId, sealed));
      expect(opened).toEqual(expect.arrayContaining([bystander.phone, bystander.email]));
    } finally {
      keyStore.close();
      await store.close();
    }
  });

  it('keeps audit verify OK on the store with the erased account', async () => {
    const verified = await runCli(['audit', 'verify'], suite.app.env);
    expect(verified.stdout).toMatch(/^audit verify: OK/m);
    expect(verified.exitCode).toBe(0);
  });

  it('lets an admin key erase any account, and no other key or person', async () => {
    const target = await registerAndLogin(suite.api);
    const other = await registerAndLogin(suite.api);
    const admin = await createApiKey(suite.app.env, 'admin');
    const erase = (input: Record<string, unknown>, headers: Record<string, string>) =>
      gql(
        suite.app.graphqlUrl,
        'mutation ($input: EraseAccountInput!) { eraseAccount(input: $input) { security { accountId erased } } }',
        { input },
        headers,
      );
    expectError(await erase({ accountId: target.accountId }, apiKey(auditor)), 'FORBIDDEN');
    expectError(await erase({ accountId: target.accountId, verificationId: 'x' }, { authorization: `Bearer ${other.token}` }), 'FORBIDDEN');
    expectError(await erase({ accountId: '00000000-0000-4000-8000-000000000000' }, apiKey(admin)), 'BAD_USER_INPUT');
    expect((await erase({ accountId: target.accountId }, apiKey(admin))).body.data).toEqual({
      eraseAccount: { security: { accountId: target.accountId, erased: true } },
    });
    expectError(
      await send(suite.api, 'login', { input: { loginName: target.loginName, password: target.password } }),
      'INVALID_CREDENTIALS',
    );
    expect((await send(suite.api, 'login', { input: { loginName: other.loginName, password: other.password } })).body.data).toBeTruthy();
  });

  it('refuses a person without a verified ERASE_ACCOUNT verification', async () => {
    const person = await registerAndLogin(suite.api);
    const erase = (verificationId?: string) => send(suite.api, 'eraseAccount', { input: { verificationId } }, person.token);
    expectError(await erase(), 'BAD_USER_INPUT');
    const pending = await requestVerification(suite.api, person.token, { verifyBy: 'SMS', purpose: 'ERASE_ACCOUNT' });
    expectError(await erase(pending.verificationId), 'VERIFICATION_REQUIRED');
    const add = await requestVerification(suite.api, person.token, { verifyBy: 'EMAIL', purpose: 'ADD_AUTHENTICATOR' });
    await verifyIdentity(suite.api, person.token, {
      verificationId: add.verificationId,
      code: await suite.receivers.waitForCode('EMAIL', person.email),
    });
    expectError(await erase(add.verificationId), 'VERIFICATION_REQUIRED');
    expect((await send(suite.api, 'login', { input: { loginName: person.loginName, password: person.password } })).body.data).toBeTruthy();
  });
});
