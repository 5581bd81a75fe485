import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '@identity/event-store';
import { SecretBox, SecretUnavailableError, SqliteKeyStore } from '@identity/security';
import { startAppForSuite } from '../support/app-for-suite';
import { apiKey, createApiKey, queryTrail } from '../support/audit-trail-client';
import { accountSecurity, login, me, send } from '../support/flow';
import { expectError, gql } from '../support/graphql-client';
import { eventually } from '../support/polling';
import { registerAndLogin } from '../support/protected-account';
import { createRamUser, newRamUserPassword, RamUser, ramUsers, sendRamUserOperation } from '../support/ram-users-client';

// Issue 11, items 1, 5 and 6: no primary reaches another's RAM users, a RAM user manages no one,
// auditors read all, and a primary's erasure takes its RAM users (and their keys) with it.
describe('RAM users: isolation, visibility and the primary erasure', () => {
  const masterKey = randomBytes(32).toString('base64');
  const env = { RATE_LIMIT_LOGON_PER_ADDRESS: '1000/60', RATE_LIMIT_REGISTRATION_PER_ADDRESS: '1000/60' };
  const suite = startAppForSuite({ masterKey, env });
  let auditor: string;
  let admin: string;
  beforeAll(async () => {
    auditor = await createApiKey(suite.app.env, 'auditor');
    admin = await createApiKey(suite.app.env, 'admin');
  });

  async function withUser(loginName: string, extra: Record<string, string> = {}) {
    const primary = await registerAndLogin(suite.api);
    const password = newRamUserPassword();
    const user = await createRamUser(suite.api, primary.token, { loginName, password, ...extra });
    const session = await login(suite.api, { loginName: user.loginName, password });
    return { primary, user, password, token: session.session?.token ?? '' };
  }

  const mutations = (user: RamUser) =>
    [
      ['updateRamUser', { accountId: user.accountId, displayName: 'taken over' }],
      ['disableRamUser', { accountId: user.accountId }],
      ['enableRamUser', { accountId: user.accountId }],
      ['setRamUserPassword', { accountId: user.accountId, password: newRamUserPassword() }],
      ['deleteRamUser', { accountId: user.accountId }],
    ] as const;

  it("primary B can neither read, change, reset nor delete primary A's RAM users: FORBIDDEN", async () => {
    const a = await withUser('alice');
    const b = await registerAndLogin(suite.api);
    for (const [operation, input] of mutations(a.user)) {
      expectError(await sendRamUserOperation(suite.api, operation, { input }, b.token), 'FORBIDDEN');
    }
    expectError(
      await sendRamUserOperation(suite.api, 'ramUsers', { filter: { primaryAccountId: a.primary.accountId } }, b.token),
      'FORBIDDEN',
    );
    expectError(await send(suite.api, 'accountSecurity', { accountId: a.user.accountId }, b.token), 'FORBIDDEN');
    const trail = await queryTrail(
      suite.app.graphqlUrl,
      { authorization: `Bearer ${b.token}` },
      { filter: { accountId: a.user.accountId } },
    );
    expectError(trail, 'FORBIDDEN');
    // B's own list is empty, and nothing of it touched A's user: it still logs on, as it was.
    expect((await ramUsers(suite.api, b.token)).edges).toEqual([]);
    expect((await me(suite.api, a.token))?.accountId).toBe(a.user.accountId);
    expect((await login(suite.api, { loginName: a.user.loginName, password: a.password })).status).toBe('SUCCEEDED');
  });

  it('a RAM user may not list or manage RAM users, not even its siblings: FORBIDDEN', async () => {
    const a = await withUser('bob');
    const sibling = await createRamUser(suite.api, a.primary.token, { loginName: 'sib', password: newRamUserPassword() });
    for (const [operation, input] of mutations(sibling)) {
      expectError(await sendRamUserOperation(suite.api, operation, { input }, a.token), 'FORBIDDEN');
    }
    expectError(await sendRamUserOperation(suite.api, 'ramUsers', {}, a.token), 'FORBIDDEN');
    // The primary acting on an account that is no RAM user of it (itself) is FORBIDDEN as well.
    const self = { input: { accountId: a.primary.accountId } };
    expectError(await sendRamUserOperation(suite.api, 'disableRamUser', self, a.primary.token), 'FORBIDDEN');
  });

  it("the primary reads its user's security and audit trail; an auditor key reads any primary's users", async () => {
    const a = await withUser('carol');
    expect((await accountSecurity(suite.api, a.primary.token, a.user.accountId))?.accountId).toBe(a.user.accountId);
    const trail = await eventually(
      () => queryTrail(suite.app.graphqlUrl, { authorization: `Bearer ${a.primary.token}` }, { filter: { accountId: a.user.accountId } }),
      (r) => (r.body.data?.auditTrail.edges.length ?? 0) >= 3,
    );
    expect(trail.body.data?.auditTrail.edges.map((e) => e.node.type)).toEqual(
      expect.arrayContaining(['AccountRegistered', 'RamUserSettingsChanged', 'LoginSucceeded']),
    );
    const listed = await eventually(
      () => ramUsers(suite.api, { apiKey: auditor }, { filter: { primaryAccountId: a.primary.accountId } }),
      (page) => page.edges.length === 1,
    );
    expect(listed.edges[0]?.node.accountId).toBe(a.user.accountId);
    expectError(await sendRamUserOperation(suite.api, 'ramUsers', {}, { apiKey: auditor }), 'BAD_USER_INPUT');
    // A reader key changes nothing.
    expectError(
      await sendRamUserOperation(suite.api, 'disableRamUser', { input: { accountId: a.user.accountId } }, { apiKey: admin }),
      'FORBIDDEN',
    );
  });

  it("an auditor key reads every RAM user's security and audit trail, whatever its primary; an integrator key neither", async () => {
    const [a, b] = [await withUser('erin'), await withUser('erin')];
    await sendRamUserOperation(suite.api, 'disableRamUser', { input: { accountId: b.user.accountId } }, b.primary.token);
    const integrator = await createApiKey(suite.app.env, 'integrator');
    const securityOf = (accountId: string, key: string) =>
      gql<{ accountSecurity: { accountId: string; totpBound: boolean } | null }>(
        suite.app.graphqlUrl,
        'query ($id: ID!) { accountSecurity(accountId: $id) { accountId totpBound } }',
        { id: accountId },
        apiKey(key),
      );
    for (const [{ user }, last] of [
      [a, 'LoginSucceeded'],
      [b, 'AccountDisabled'],
    ] as const) {
      expect((await securityOf(user.accountId, auditor)).body.data?.accountSecurity).toEqual({
        accountId: user.accountId,
        totpBound: false,
      });
      const trail = await eventually(
        () => queryTrail(suite.app.graphqlUrl, apiKey(auditor), { filter: { accountId: user.accountId } }),
        (r) => r.body.data?.auditTrail.edges.some((e) => e.node.type === last) ?? false,
      );
      const nodes = trail.body.data?.auditTrail.edges.map((e) => e.node) ?? [];
      expect(nodes.map((n) => n.type)).toEqual(
        expect.arrayContaining(['AccountRegistered', 'RamUserSettingsChanged', 'LoginSucceeded', last]),
      );
      expect(new Set(nodes.map((n) => n.accountId))).toEqual(new Set([user.accountId]));
      expectError(await securityOf(user.accountId, integrator), 'FORBIDDEN');
      expectError(await queryTrail(suite.app.graphqlUrl, apiKey(integrator), { filter: { accountId: user.accountId } }), 'FORBIDDEN');
    }
  });

  it('erasing a primary disables and erases its RAM users, ends their sessions and destroys their keys', async () => {
    const a = await withUser('dora', { email: 'dora@example.test', phone: '+15550001234' });
    const bystander = await withUser('dora', { email: 'other@example.test' });
    const erased = await gql(
      suite.app.graphqlUrl,
      'mutation ($input: EraseAccountInput!) { eraseAccount(input: $input) { security { accountId erased } } }',
      { input: { accountId: a.primary.accountId } },
      apiKey(admin),
    );
    expect(erased.body.data).toEqual({ eraseAccount: { security: { accountId: a.primary.accountId, erased: true } } });
    expectError(await send(suite.api, 'me', {}, a.token), 'UNAUTHENTICATED');
    expectError(await send(suite.api, 'login', { input: { loginName: a.user.loginName, password: a.password } }), 'INVALID_CREDENTIALS');
    const security = await eventually(
      () =>
        gql(
          suite.app.graphqlUrl,
          'query ($id: ID!) { accountSecurity(accountId: $id) { erased } }',
          { id: a.user.accountId },
          apiKey(auditor),
        ),
      (r) => (r.body.data as { accountSecurity?: { erased: boolean } } | undefined)?.accountSecurity?.erased === true,
    );
    expect(security.body.errors).toBeUndefined();
    await eventually(
      () => ramUsers(suite.api, { apiKey: auditor }, { filter: { primaryAccountId: a.primary.accountId } }),
      (page) => page.edges.length === 0,
    );
    // The other primary's dora is untouched.
    expect((await me(suite.api, bystander.token))?.accountId).toBe(bystander.user.accountId);

    const store = new SqliteEventStore({ filePath: join(suite.app.dataDir, 'events.db') });
    const keyStore = new SqliteKeyStore(join(suite.app.dataDir, 'keys.db'));
    const box = new SecretBox(Buffer.from(masterKey, 'base64'), keyStore);
    try {
      const events = await store.readStream(`account-${a.user.accountId}`);
      expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['AccountDisabled', 'SessionsEnded', 'AccountErased']));
      const sealed = events.flatMap((e) =>
        Object.values(e.data).filter((v): v is string => typeof v === 'string' && v.startsWith('enc:v1:')),
      );
      expect(sealed.length).toBeGreaterThanOrEqual(2);
      for (const text of sealed) expect(() => box.decrypt(a.user.accountId, text)).toThrow(SecretUnavailableError);
      const membership = (await store.readStream(`ramusers-${a.primary.accountId}`)).map((e) => e.type);
      expect(membership).toEqual(['RamUserAdded', 'RamUsersClosed', 'RamUserRemoved']);
      const other = (await store.readStream(`account-${bystander.user.accountId}`)).flatMap((e) => Object.values(e.data));
      const otherSealed = other.filter((v): v is string => typeof v === 'string' && v.startsWith('enc:v1:'));
      expect(otherSealed.map((text) => box.decrypt(bystander.user.accountId, text))).toEqual(['other@example.test']);
    } finally {
      keyStore.close();
      await store.close();
    }
  });
});
