import WebSocket from 'ws';
import { startAppForSuite } from '../support/app-for-suite';
import { bearer, errorCodes, gql, postRaw } from '../support/graphql-client';
import { login } from '../support/flow';
import { eventually } from '../support/polling';
import { newAccountDetails, registerAndLogin } from '../support/protected-account';

const AUDIT_FIELDS =
  'edges { cursor node { position type occurredAt accountId actor correlationId data } } pageInfo { hasNextPage endCursor }';
const limited = (body: unknown) => (body as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;

// Issue 9, "cost amplification in one request": each attack is refused before any resolver runs.
describe('operation limits', () => {
  // At debug level the log names each refused field ("login refused: …"), which shows whether a resolver ran.
  const suite = startAppForSuite({ env: { LOG_LEVEL: 'debug' } });

  it('refuses 700 aliased logins in one request at once, without checking a single password', async () => {
    const { loginName } = await registerAndLogin(suite.api);
    const aliases = Array.from(
      { length: 700 },
      (_, i) => `a${i}: login(input: { loginName: "${loginName}", password: "guess-${i}" }) { status }`,
    );
    const started = Date.now();
    const answer = await postRaw(suite.app.graphqlUrl, JSON.stringify({ query: `mutation { ${aliases.join(' ')} }` }));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(limited(answer.json)).toBe('OPERATION_LIMIT_EXCEEDED');
    expect(suite.app.log()).not.toMatch(/login refused: INVALID_CREDENTIALS/);
  });

  it('allows one secret-checking, code-sending or account-creating mutation per request', async () => {
    const one = newAccountDetails();
    const two = newAccountDetails();
    const answer = await gql(
      suite.app.graphqlUrl,
      `mutation {
      a: registerAccount(input: { loginName: "${one.loginName}", password: "${one.password}" }) { accountId }
      b: registerAccount(input: { loginName: "${two.loginName}", password: "${two.password}" }) { accountId } }`,
    );
    expect(errorCodes(answer)).toEqual(['OPERATION_LIMIT_EXCEEDED']);
    expect(answer.body.data ?? null).toBeNull();
    const mixed = await gql(
      suite.app.graphqlUrl,
      `mutation {
      a: login(input: { loginName: "${one.loginName}", password: "x" }) { status }
      b: completeLogin(input: { challengeId: "x", code: "000000" }) { status } }`,
    );
    expect(errorCodes(mixed)).toEqual(['OPERATION_LIMIT_EXCEEDED']);
    await expect(login(suite.api, { loginName: one.loginName, password: one.password })).rejects.toThrow(/INVALID_CREDENTIALS/);
  });

  it('caps root fields and aliases', async () => {
    const account = await registerAndLogin(suite.api);
    const fields = Array.from({ length: 11 }, (_, i) => `m${i}: me { accountId }`).join(' ');
    expect(errorCodes(await gql(suite.app.graphqlUrl, `{ ${fields} }`, {}, bearer(account.token)))).toContain('OPERATION_LIMIT_EXCEEDED');
    const aliases = Array.from({ length: 11 }, (_, i) => `a${i}: accountId`).join(' ');
    expect(errorCodes(await gql(suite.app.graphqlUrl, `{ me { ${aliases} } }`, {}, bearer(account.token)))).toEqual([
      'OPERATION_LIMIT_EXCEEDED',
    ]);
    const states = Array.from(
      { length: 450 },
      (_, i) => `s${i}: securityStateAt(accountId: "${account.accountId}", at: "2030-01-01T00:00:00Z") { accountId }`,
    );
    const answer = await postRaw(suite.app.graphqlUrl, JSON.stringify({ query: `{ ${states.join(' ')} }` }), bearer(account.token));
    expect(limited(answer.json)).toBe('OPERATION_LIMIT_EXCEEDED');
  });

  it('caps page sizes, literal or in variables, as BAD_USER_INPUT', async () => {
    const { token } = await registerAndLogin(suite.api);
    const literal = await gql(suite.app.graphqlUrl, `{ auditTrail(first: 500) { ${AUDIT_FIELDS} } }`, {}, bearer(token));
    expect(errorCodes(literal)).toEqual(['BAD_USER_INPUT']);
    const variable = await gql(
      suite.app.graphqlUrl,
      `query ($n: Int) { auditTrail(first: $n) { ${AUDIT_FIELDS} } }`,
      { n: 500 },
      bearer(token),
    );
    expect(errorCodes(variable)).toEqual(['BAD_USER_INPUT']);
    const allowed = await gql(suite.app.graphqlUrl, `{ auditTrail(first: 100) { ${AUDIT_FIELDS} } }`, {}, bearer(token));
    expect(allowed.body.errors).toBeUndefined();
  });

  it('refuses deep nesting (inline fragments count as levels) and allows it within the limit', async () => {
    const { token } = await registerAndLogin(suite.api);
    const nested = (levels: number) => `{ me { ${'... on Account { '.repeat(levels)}accountId${' }'.repeat(levels)} } }`;
    expect(errorCodes(await gql(suite.app.graphqlUrl, nested(10), {}, bearer(token)))).toEqual(['OPERATION_LIMIT_EXCEEDED']);
    const allowed = await gql<{ me: { accountId: string } }>(suite.app.graphqlUrl, nested(8), {}, bearer(token));
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data?.me.accountId).toEqual(expect.any(String));
  });

  it('refuses many large pages in one request by their cost', async () => {
    const { token } = await registerAndLogin(suite.api);
    const pages = Array.from({ length: 8 }, (_, i) => `p${i}: auditTrail(first: 100) { ${AUDIT_FIELDS} }`).join(' ');
    expect(errorCodes(await gql(suite.app.graphqlUrl, `{ ${pages} }`, {}, bearer(token)))).toEqual(['OPERATION_LIMIT_EXCEEDED']);
  });
});

// Issue 9, "smaller leaks".
describe('leaks at the edges', () => {
  const suite = startAppForSuite({ env: { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' } });

  it('never echoes a submitted value in a coercion or validation message', async () => {
    const secret = 'my-very-secret-passphrase';
    const extra = await gql(suite.app.graphqlUrl, 'mutation ($input: LoginInput!) { login(input: $input) { status } }', {
      input: { loginName: 'someone', password: secret, extra: 1 },
    });
    expect(errorCodes(extra)).toEqual(['BAD_USER_INPUT']);
    const wrongType = await gql(
      suite.app.graphqlUrl,
      'mutation ($p: String!) { login(input: { loginName: "x", password: $p }) { status } }',
      { p: { secret } },
    );
    const literal = await gql(
      suite.app.graphqlUrl,
      `mutation { login(input: { loginName: "x", password: ${JSON.stringify(secret).length} }) { status } }`,
    );
    for (const answer of [extra, wrongType, literal]) {
      expect(answer.body.errors?.length).toBeGreaterThan(0);
      expect(answer.text).not.toContain(secret);
      expect(answer.text).not.toMatch(/found \d+|value: \d+/);
    }
    expect(suite.app.log()).not.toContain(secret);
  });

  it('answers introspection and the landing page only in development', async () => {
    expect(errorCodes(await gql(suite.app.graphqlUrl, '{ __schema { types { name } } }'))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const page = await fetch(suite.app.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/<html/i);
  });

  it('closes a WebSocket that sends a message over 64 KiB, before authentication', async () => {
    const socket = new WebSocket(`${suite.app.baseUrl.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { padding: 'x'.repeat(65 * 1024) } }));
    expect(await closed).toBe(1009);
  });

  it('logs an expected failure as one line, without a stack', async () => {
    const { loginName } = await registerAndLogin(suite.api);
    await expect(login(suite.api, { loginName, password: 'not the password' })).rejects.toThrow(/INVALID_CREDENTIALS/);
    const refusal = /"fields":\["login"\],"codes":\["INVALID_CREDENTIALS"\]/;
    // The request's log line is written once the answer has gone out.
    const log = await eventually(
      () => Promise.resolve(suite.app.log()),
      (text) => refusal.test(text),
    );
    expect(log).toMatch(refusal);
    expect(log).not.toMatch(/^\s+at /m);
    expect(log).not.toMatch(/"stack"/);
  });

  it('tells an anonymous /health caller only up or down', async () => {
    const answer = await fetch(`${suite.app.baseUrl}/health`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ status: 'up' });
  });
});
