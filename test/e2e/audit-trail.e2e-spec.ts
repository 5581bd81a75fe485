import { AppProcess } from '../support/app-process';
import { apiKey, AuditEvent, comparePositions, createApiKey, queryTrail, readWholeTrail, stateAt } from '../support/audit-trail-client';
import { DeliveryReceivers } from '../support/delivery-receivers';
import { Api, DOCUMENTS } from '../support/flow';
import { bearer, expectError, gql } from '../support/graphql-client';
import { eventually } from '../support/polling';
import { ProtectedAccount, protectWithTotp, RegisteredAccount, registerAndLogin } from '../support/protected-account';
import { defined } from '@identity/testing';

const USER_AGENT = 'AuditE2E/1.0 (failed-logon probe)';
const CORRELATION_ID = 'audit-e2e-failed-logons';
const SETUP_TYPES = [
  'AccountRegistered',
  'LoginSucceeded',
  'IdentityVerificationStarted',
  'IdentityVerified',
  'TotpEnrollmentStarted',
  'TotpBound',
  'ProtectionEnabled',
];

// Issue 4: an auditor replays an account's security history; people see only their own.
describe('audit trail and point-in-time security state', () => {
  let receivers: DeliveryReceivers;
  let app: AppProcess;
  let url: string;
  let account: ProtectedAccount;
  let stranger: RegisteredAccount;
  let auditor: Record<string, string>;
  let integrator: Record<string, string>;
  let trail: AuditEvent[];
  const startedAt = new Date().toISOString();

  beforeAll(async () => {
    receivers = await DeliveryReceivers.start();
    app = await AppProcess.start(receivers.appOptions);
    url = app.graphqlUrl;
    const api: Api = { graphqlUrl: url };
    account = await protectWithTotp(api, receivers, 'SMS');
    for (let i = 0; i < 2; i++) {
      const failed = await gql(
        url,
        DOCUMENTS.login,
        { input: { loginName: account.loginName, password: `${account.password}-wrong` } },
        { 'user-agent': USER_AGENT, 'x-correlation-id': CORRELATION_ID },
      );
      expectError(failed, 'INVALID_CREDENTIALS');
    }
    stranger = await registerAndLogin(api);
    auditor = apiKey(await createApiKey(app.env, 'auditor'));
    integrator = apiKey(await createApiKey(app.env, 'integrator'));
    // The trail is a read model: wait until it holds the last failure.
    const read = () => readWholeTrail(url, auditor, { accountId: account.accountId }, 100).then((r) => r.events);
    trail = await eventually(read, (events) => events.filter((e) => e.type === 'PasswordCheckFailed').length === 2);
    // The CLI writes the keys' events from its own process: wait until the whole trail holds them too.
    const readAll = () => readWholeTrail(url, auditor, undefined, 100).then((r) => r.events);
    await eventually(readAll, (events) => events.filter((e) => e.type === 'ApiKeyCreated').length === 2);
  });
  afterAll(async () => {
    await app?.dispose();
    await receivers?.close();
  });

  it("gives an auditor the account's events in position order, with types, times, IP and user agent", () => {
    const types = trail.map((e) => e.type);
    expect(types.filter((t) => t === 'PasswordCheckFailed')).toHaveLength(2);
    const firstIndexes = SETUP_TYPES.map((t) => types.indexOf(t));
    expect(firstIndexes).toEqual([...firstIndexes].sort((a, b) => a - b));
    // Registration claims the login name first (its own stream, carrying the account id), then registers.
    expect(types.slice(0, firstIndexes[0]).every((t) => t === 'LoginNameClaimed')).toBe(true);
    expect(Math.max(...firstIndexes)).toBeLessThan(types.indexOf('PasswordCheckFailed'));
    let previous: (typeof trail)[number] | undefined;
    for (const entry of trail) {
      if (previous) expect(comparePositions(previous.position, entry.position)).toBeLessThan(0);
      previous = entry;
    }
    for (const event of trail) {
      expect(event.accountId).toBe(account.accountId);
      expect(event.occurredAt >= startedAt && Date.parse(event.occurredAt) <= Date.now()).toBe(true);
      expect(event.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
      expect(event.correlationId).toEqual(expect.any(String));
    }
    const failures = trail.filter((e) => e.type === 'PasswordCheckFailed');
    expect(failures.map((e) => [e.userAgent, e.correlationId])).toEqual([
      [USER_AGENT, CORRELATION_ID],
      [USER_AGENT, CORRELATION_ID],
    ]);
    expect(failures.map((e) => e.data?.consecutiveFailures)).toEqual([1, 2]);
    expect(trail.find((e) => e.type === 'ProtectionEnabled')?.actor).toBe(`account:${account.accountId}`);
  });

  it('shows no secret, code hash, password hash, phone or email in clear in any answer', async () => {
    const whole = await readWholeTrail(url, auditor, undefined, 7);
    expect(whole.events.some((e) => e.type === 'TotpBound' && e.data?.secret === '[redacted]')).toBe(true);
    const text = whole.texts.join('\n');
    const secret = account.enrollment.secret.replace(/=+$/, '');
    const needles = [
      account.password,
      account.phone,
      account.phone.slice(2),
      account.email,
      stranger.email,
      stranger.password,
      account.token,
      stranger.token,
      secret,
      secret.toLowerCase(),
      '$argon2',
      'enc:v1:',
      ...[auditor, integrator].map((h) => defined(h['x-api-key']).split('_').pop() as string),
    ];
    expect(needles.filter((needle) => text.includes(needle))).toEqual([]);
  });

  it('walks every event exactly once with first: 3, for one account and for the whole trail', async () => {
    const paged = await readWholeTrail(url, auditor, { accountId: account.accountId }, 3);
    expect(paged.events.map((e) => e.eventId)).toEqual(trail.map((e) => e.eventId));
    expect(paged.pages).toBe(Math.ceil(trail.length / 3));
    const everything = await readWholeTrail(url, auditor, undefined, 100);
    const everythingPaged = await readWholeTrail(url, auditor, undefined, 3);
    const ids = everythingPaged.events.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(everything.events.map((e) => e.eventId));
    expect(everything.events.map((e) => e.type)).toEqual(expect.arrayContaining(['ApiKeyCreated', 'LoginNameClaimed']));
    expect(new Set(everything.events.map((e) => e.accountId))).toEqual(new Set([account.accountId, stranger.accountId, null]));
  });

  it('records a logon with an unknown login name as an event, with IP and user agent but not the name', async () => {
    const unknownName = `nobody-${Date.now()}@example.test`;
    for (let i = 0; i < 2; i++) {
      const refused = await gql(
        url,
        DOCUMENTS.login,
        { input: { loginName: unknownName, password: 'some password 1' } },
        { 'user-agent': USER_AGENT, 'x-correlation-id': `${CORRELATION_ID}-unknown` },
      );
      expectError(refused, 'INVALID_CREDENTIALS');
    }
    const read = () => readWholeTrail(url, auditor, { types: ['UnknownLoginNameAttempted'] }, 50).then((r) => r.events);
    const attempts = (
      await eventually(read, (events) => events.filter((e) => e.correlationId === `${CORRELATION_ID}-unknown`).length === 2)
    ).filter((e) => e.correlationId === `${CORRELATION_ID}-unknown`);
    expect(attempts.map((e) => ({ accountId: e.accountId, ip: e.ip, userAgent: e.userAgent, attempt: e.data?.attempt }))).toEqual([
      { accountId: null, ip: expect.stringMatching(/127\.0\.0\.1/), userAgent: USER_AGENT, attempt: 1 },
      { accountId: null, ip: expect.stringMatching(/127\.0\.0\.1/), userAgent: USER_AGENT, attempt: 2 },
    ]);
    expect(JSON.stringify(attempts).toLowerCase()).not.toContain('nobody-');
  });

  it('answers every field a query selects, through fragments and aliases, as the full query does', async () => {
    // The page reads only the columns the query selects: a fragment or an alias must not lose one.
    const query = `query ($filter: AuditFilter) { auditTrail(filter: $filter, first: 100) { ...Page } }
      fragment Page on AuditEventConnection { edges { node { id: eventId ... on AuditEvent { when: occurredAt } ...Origin } } }
      fragment Origin on AuditEvent { type ip userAgent actor data }`;
    const answer = await gql<{ auditTrail: { edges: { node: Record<string, unknown> }[] } }>(
      url,
      query,
      { filter: { accountId: account.accountId } },
      auditor,
    );
    expect(answer.body.errors).toBeUndefined();
    const nodes = answer.body.data?.auditTrail.edges.map((edge) => edge.node) ?? [];
    const full = (await readWholeTrail(url, auditor, { accountId: account.accountId }, 100)).events;
    expect(nodes.length).toBeGreaterThanOrEqual(trail.length);
    expect(nodes).toEqual(
      full.map((event) => ({
        id: event.eventId,
        when: event.occurredAt,
        type: event.type,
        ip: event.ip,
        userAgent: event.userAgent,
        actor: event.actor,
        data: event.data,
      })),
    );
  });

  it('filters by type and by time window', async () => {
    const failures = await readWholeTrail(url, auditor, { accountId: account.accountId, types: ['PasswordCheckFailed'] }, 50);
    expect(failures.events.map((e) => e.eventId)).toEqual(trail.filter((e) => e.type === 'PasswordCheckFailed').map((e) => e.eventId));
    const bound = trail.find((e) => e.type === 'TotpBound') as AuditEvent;
    const window = await readWholeTrail(url, auditor, { accountId: account.accountId, from: bound.occurredAt, to: bound.occurredAt }, 50);
    expect(window.events.length).toBeGreaterThan(0);
    expect(window.events.every((e) => e.occurredAt === bound.occurredAt)).toBe(true);
    expect(window.events.map((e) => e.eventId)).toContain(bound.eventId);
  });

  it('lets a person read their own trail only; integrators and strangers are refused', async () => {
    const own = await readWholeTrail(url, bearer(stranger.token), undefined, 50);
    expect(own.events.map((e) => e.type)).toEqual(expect.arrayContaining(['AccountRegistered', 'LoginSucceeded']));
    expect(own.events.every((e) => e.accountId === stranger.accountId)).toBe(true);
    const ownById = await readWholeTrail(url, bearer(account.token), { accountId: account.accountId }, 50);
    expect(ownById.events.map((e) => e.eventId)).toEqual(trail.map((e) => e.eventId));

    expectError(await queryTrail(url, bearer(stranger.token), { filter: { accountId: account.accountId } }), 'FORBIDDEN');
    expectError(await queryTrail(url, integrator, { filter: { accountId: account.accountId } }), 'FORBIDDEN');
    expectError(await queryTrail(url, integrator, {}), 'FORBIDDEN');
    expectError(await queryTrail(url, {}, {}), 'UNAUTHENTICATED');
    expectError(await queryTrail(url, apiKey('not-a-key'), {}), 'UNAUTHENTICATED');
  });

  it('refuses a bad page size, a foreign cursor, an unknown type and an inverted window', async () => {
    const filter = { accountId: account.accountId };
    for (const first of [0, 501]) expectError(await queryTrail(url, auditor, { filter, first }), 'BAD_USER_INPUT');
    expectError(await queryTrail(url, auditor, { filter, after: 'garbage' }), 'BAD_USER_INPUT');
    for (const types of [['NoSuchEvent'], [], Array(51).fill('TotpBound')]) {
      expectError(await queryTrail(url, auditor, { filter: { ...filter, types } }), 'BAD_USER_INPUT');
    }
    const inverted = { ...filter, from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' };
    expectError(await queryTrail(url, auditor, { filter: inverted }), 'BAD_USER_INPUT');
  });

  it('replays the security state at an instant: off before enabling, on with totpBoundAt after binding', async () => {
    const instantOf = (type: string) => (trail.find((e) => e.type === type) as AuditEvent).occurredAt;
    const beforeEnabling = instantOf('TotpEnrollmentStarted');
    expect(Date.parse(beforeEnabling)).toBeLessThan(Date.parse(instantOf('ProtectionEnabled')));
    const off = await stateAt(url, auditor, account.accountId, beforeEnabling);
    expect(off.body.errors).toBeUndefined();
    expect(off.body.data?.securityStateAt).toMatchObject({
      accountId: account.accountId,
      protectionEnabled: false,
      totpBound: false,
      totpBoundAt: null,
    });

    const on = await stateAt(url, auditor, account.accountId, instantOf('TotpBound'));
    expect(on.body.data?.securityStateAt).toMatchObject({
      protectionEnabled: true,
      scenes: ['LOGON'],
      method: 'TOTP',
      totpBound: true,
      totpBoundAt: account.security.totpBoundAt,
    });
    expect(account.security.totpBoundAt).toBe(instantOf('TotpBound'));

    const beforeRegistration = new Date(Date.parse(instantOf('AccountRegistered')) - 1).toISOString();
    const none = await stateAt(url, auditor, account.accountId, beforeRegistration);
    expect(none.body).toEqual({ data: { securityStateAt: null } });
  });

  it('lets the account itself and auditors replay its state; others are refused', async () => {
    const now = new Date().toISOString();
    const self = await stateAt(url, bearer(account.token), account.accountId, now);
    expect(self.body.data?.securityStateAt).toMatchObject({ accountId: account.accountId, protectionEnabled: true });
    expectError(await stateAt(url, bearer(stranger.token), account.accountId, now), 'FORBIDDEN');
    expectError(await stateAt(url, integrator, account.accountId, now), 'FORBIDDEN');
    expectError(await stateAt(url, {}, account.accountId, now), 'UNAUTHENTICATED');
    expectError(await stateAt(url, auditor, account.accountId, 'not a date'), 'BAD_USER_INPUT');
  });
});
