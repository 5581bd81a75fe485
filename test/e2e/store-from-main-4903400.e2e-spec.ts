import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAppForSuite } from '../support/app-for-suite';
import { bearer, gql } from '../support/graphql-client';
import { Subscriber } from '../support/graphql-ws-subscriber';
import { eventually } from '../support/polling';
import { codeForStep, currentStep } from '../support/totp';

/**
 * A store written by the service at commit 4903400 (before the write model of issue 8; see
 * test/fixtures/main-4903400/README.md) is read by this version: events are permanent, so every old
 * event must still decode, fold and project to what that version answered.
 */
const FIXTURE = join(__dirname, '..', 'fixtures', 'main-4903400');
const expected = <T>(name: string): T => JSON.parse(readFileSync(join(FIXTURE, 'expected', name), 'utf8')) as T;
const accounts = expected<Record<string, string>>('accounts.json');
const keys = expected<{ auditor: string; integrator: string; aliceSecret: string; webhooks: string[] }>('keys.json');
const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');
const PASSWORD = 'correct horse battery staple';
const storeFiles = ['events.db', 'keys.db', 'audit-signing.key'].map((file) => join(FIXTURE, 'data', file));

const SECURITY = `query($id: ID!) { accountSecurity(accountId: $id) {
  accountId protectionEnabled scenes method totpBound totpBoundAt lockedUntil updatedAt } }`;
const TRAIL = `query($after: String) { auditTrail(first: 100, after: $after) {
  edges { node { eventId position streamId accountId type occurredAt recordedAt actor ip userAgent correlationId causationId data } }
  pageInfo { hasNextPage endCursor } } }`;
const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { status session { token } challenge { challengeId methods } } }';
const COMPLETE = 'mutation($i: CompleteLoginInput!) { completeLogin(input: $i) { status session { token } } }';

type Trail = { auditTrail: { edges: { node: Record<string, unknown> }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };

function describeOldStore(title: string, files: readonly string[]) {
  describe(title, () => {
    const suite = startAppForSuite({ masterKey: MASTER_KEY, seedFiles: files, env: { AUDIT_DIGEST_INTERVAL_SECONDS: '86400' } });
    const asAuditor = { 'x-api-key': keys.auditor };

    it('projects every account to the security state the old version showed', async () => {
      const wanted = expected<Record<string, Record<string, unknown>>>('account-security.json');
      for (const [name, accountId] of Object.entries(accounts)) {
        const answer = await eventually(
          () => gql<{ accountSecurity: Record<string, unknown> | null }>(suite.api.graphqlUrl, SECURITY, { id: accountId }, asAuditor),
          (response) => response.body.data?.accountSecurity?.updatedAt === wanted[name]?.updatedAt,
        );
        expect({ name, security: answer.body.data?.accountSecurity }).toEqual({ name, security: wanted[name] });
      }
    });

    it('shows the same audit trail, redacted the same way', async () => {
      const rows: Record<string, unknown>[] = [];
      const wanted = expected<Record<string, unknown>[]>('audit-trail.json');
      await eventually(
        async () => {
          rows.length = 0;
          for (let after: string | null = null; ;) {
            const page: { body: { data?: Trail | null } } = await gql<Trail>(suite.api.graphqlUrl, TRAIL, { after }, asAuditor);
            const trail = page.body.data?.auditTrail;
            if (!trail) throw new Error(JSON.stringify(page.body));
            rows.push(...trail.edges.map((edge) => edge.node));
            if (!trail.pageInfo.hasNextPage) break;
            after = trail.pageInfo.endCursor;
          }
          return rows.length;
        },
        (count) => count >= wanted.length,
      );
      expect(rows).toEqual(wanted);
    });

    it('replays the same integration events', async () => {
      const wanted = expected<unknown[]>('integration-events.json');
      const subscriber = new Subscriber<unknown>(
        suite.app.baseUrl,
        { apiKey: keys.integrator },
        'subscription { securityEvents(afterPosition: "0") { id type subject time position data } }',
      );
      try {
        const items = await subscriber.waitForItems(wanted.length);
        expect(items.slice(0, wanted.length)).toEqual(wanted);
      } finally {
        await subscriber.dispose();
      }
    });

    it('logs alice on with the authenticator bound by the old version', async () => {
      const login = await gql<{ login: { status: string; challenge: { challengeId: string; methods: string[] } } }>(
        suite.api.graphqlUrl,
        LOGIN,
        { i: { loginName: 'alice', password: PASSWORD } },
      );
      expect(login.body.data?.login).toMatchObject({ status: 'MFA_REQUIRED', challenge: { methods: ['TOTP'] } });
      const code = codeForStep(keys.aliceSecret, currentStep());
      const done = await gql<{ completeLogin: { status: string; session: { token: string } } }>(suite.api.graphqlUrl, COMPLETE, {
        i: { challengeId: login.body.data?.login.challenge.challengeId, code },
      });
      expect(done.body.data?.completeLogin.status).toBe('SUCCEEDED');
      const me = await gql<{ me: { loginName: string } }>(
        suite.api.graphqlUrl,
        '{ me { loginName } }',
        {},
        bearer(done.body.data?.completeLogin.session.token ?? ''),
      );
      expect(me.body.data?.me.loginName).toBe('alice');
    });

    it("shows the authenticator the old version bound as one of the account's authenticators", async () => {
      const query = 'query($id: ID!) { accountSecurity(accountId: $id) { totpBound authenticators { kind name boundAt } } }';
      const answer = await eventually(
        () =>
          gql<{ accountSecurity: { authenticators: unknown[] } | null }>(suite.api.graphqlUrl, query, { id: accounts.alice }, asAuditor),
        (response) => (response.body.data?.accountSecurity?.authenticators.length ?? 0) > 0,
      );
      const wanted = expected<Record<string, { totpBoundAt: string }>>('account-security.json');
      expect(answer.body).toEqual({
        data: {
          accountSecurity: {
            totpBound: true,
            authenticators: [{ kind: 'TOTP', name: 'Authenticator', boundAt: wanted.alice?.totpBoundAt }],
          },
        },
      });
    });

    it("keeps the integrator's webhooks: the rotated one listed, the deleted one gone", async () => {
      const answer = await gql<{ webhooks: { webhookId: string; eventTypes: string[] }[] }>(
        suite.api.graphqlUrl,
        '{ webhooks { webhookId eventTypes } }',
        {},
        { 'x-api-key': keys.integrator },
      );
      expect(answer.body.data?.webhooks).toEqual([{ webhookId: keys.webhooks[0], eventTypes: ['identity.mfa.enabled.v1'] }]);
    });

    it('logs bob (protection turned off) and carol (lock run out) on with the password alone', async () => {
      for (const loginName of ['bob', 'carol']) {
        const login = await gql<{ login: { status: string } }>(suite.api.graphqlUrl, LOGIN, { i: { loginName, password: PASSWORD } });
        expect({ loginName, status: login.body.data?.login.status }).toEqual({ loginName, status: 'SUCCEEDED' });
      }
    });
  });
}

describeOldStore('a store written by main 4903400, read models rebuilt from the first event', storeFiles);
describeOldStore('a store written by main 4903400, resuming its old read models', [...storeFiles, join(FIXTURE, 'data', 'read-models.db')]);
