import { startAppForSuite } from '../support/app-for-suite';
import { detailedHealth } from '../support/health-client';
import { createApiKey } from '../support/graphql-ws-subscriber';
import { errorCodes, gql } from '../support/graphql-client';
import { startExpectingExit } from '../support/start-expecting-exit';
import { WebhookClient } from '../support/webhook-client';

const MASTER_KEY = Buffer.alloc(32, 7).toString('base64');
/** Not parsed: the start stops at the missing variable before any key is read. */
const SIGNING_KEY = 'set';

// Issue 9, "smaller leaks": webhook host answers, /health details, and production start-up checks.
describe('edges: webhook hosts and /health', () => {
  const suite = startAppForSuite({ env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' } });

  it('answers every refused webhook host the same way, internal, unknown or IPv6 special-purpose', async () => {
    const key = await createApiKey(suite.app.env, 'integrator');
    const webhooks = new WebhookClient(suite.app.graphqlUrl);
    const hosts = [
      'http://127.0.0.1/hook',
      'http://localhost/hook',
      'http://no-such-host.invalid/hook',
      'http://[64:ff9b:1::a00:1]/hook',
      'http://[2002:7f00:1::1]/hook',
      'http://[::127.0.0.1]/hook',
      'http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/hook',
    ];
    const answers = await Promise.all(
      hosts.map((url) => webhooks.create({ 'x-api-key': key }, { url, eventTypes: ['identity.mfa.enabled.v1'] })),
    );
    for (const answer of answers) expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(new Set(answers.map((answer) => answer.body.errors?.[0]?.message)).size).toBe(1);
  });

  it('shows dependencies to an admin key only', async () => {
    const { status, body } = await detailedHealth<{ status: string; dependencies: unknown[] }>(suite.app);
    expect(status).toBe(200);
    expect(body.dependencies.length).toBeGreaterThan(0);
    const auditor = await createApiKey(suite.app.env, 'auditor');
    const asAuditor = await fetch(`${suite.app.baseUrl}/health`, { headers: { 'x-api-key': auditor } });
    expect(await asAuditor.json()).toEqual({ status: 'up' });
  });

  it('keeps introspection off without NODE_ENV=development or GRAPHQL_INTROSPECTION=true', async () => {
    expect(errorCodes(await gql(suite.app.graphqlUrl, '{ __type(name: "Query") { name } }'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});

describe('NODE_ENV=production at start-up', () => {
  const complete = {
    NODE_ENV: 'production',
    SMS_WEBHOOK_URL: 'http://127.0.0.1:9/sms',
    SMTP_URL: 'smtp://127.0.0.1:9',
    SMTP_FROM: 'a@example.test',
    IDENTITY_MASTER_KEY: MASTER_KEY,
    AUDIT_SIGNING_KEY: SIGNING_KEY,
  };

  it.each([['SMTP_URL'], ['SMS_WEBHOOK_URL'], ['IDENTITY_MASTER_KEY'], ['AUDIT_SIGNING_KEY']])(
    'refuses to start without %s, naming it',
    async (variable) => {
      const env: Record<string, string> = { ...complete };
      delete env[variable];
      const failure = await startExpectingExit(env);
      expect(failure.exitCode).toBe(78);
      expect(failure.output).toContain(`configuration error: ${variable}:`);
    },
  );
});
