import { startAppForSuite } from '../support/app-for-suite';
import { DOCUMENTS, login, me, registerAccount, send } from '../support/flow';
import { bearer, expectError, findStackTraces, GqlBody, postRaw } from '../support/graphql-client';
import { newAccountDetails, RegisteredAccount, registerAndLogin } from '../support/protected-account';

/**
 * The codes a bad request may carry. Ours: BAD_USER_INPUT (validation; the message names the field).
 * Apollo's, for documents that are not valid GraphQL: GRAPHQL_PARSE_FAILED (syntax),
 * GRAPHQL_VALIDATION_FAILED (against the schema: unknown enum value, missing field, wrong literal type),
 * BAD_REQUEST (a body that is not a GraphQL request, e.g. malformed JSON or no query).
 */
const BAD_REQUEST_CODES = ['BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST'];

interface BadRequest {
  name: string;
  /** The raw HTTP body. */
  body: () => string;
  withToken?: boolean;
  /** When set: the only acceptable code, and (for BAD_USER_INPUT) the field the message must name. */
  code?: string;
  field?: string;
  /** A body the HTTP layer may refuse before GraphQL sees it (status 4xx, GraphQL errors optional). */
  transport?: boolean;
}

const request = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
const register = (input: Record<string, unknown>) => request(DOCUMENTS.registerAccount, { input });
const valid = () => newAccountDetails();

const BAD_REQUESTS: BadRequest[] = [
  { name: 'empty loginName', body: () => register({ ...valid(), loginName: '' }), code: 'BAD_USER_INPUT', field: 'loginName' },
  {
    name: 'a 10 KB password',
    body: () => register({ ...valid(), password: 'p'.repeat(10 * 1024) }),
    code: 'BAD_USER_INPUT',
    field: 'password',
  },
  {
    name: 'a password with a lone surrogate (not well-formed Unicode)',
    body: () => register({ ...valid(), password: 'lantern orbit \ud800 mulberry' }),
    code: 'BAD_USER_INPUT',
    field: 'password',
  },
  { name: 'loginName of the wrong type', body: () => register({ ...valid(), loginName: 123 }), code: 'BAD_USER_INPUT' },
  { name: 'a malformed email', body: () => register({ ...valid(), email: 'not an email' }), code: 'BAD_USER_INPUT', field: 'email' },
  {
    name: 'an unknown enum value (scenes: [FOO])',
    body: () =>
      request('mutation { enableProtection(input: {scenes: [FOO], method: TOTP, verifyBy: SMS}) { verification { verificationId } } }'),
    withToken: true,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  {
    name: 'an unknown enum value in variables',
    body: () => request(DOCUMENTS.enableProtection, { input: { scenes: ['FOO'], method: 'TOTP', verifyBy: 'SMS' } }),
    withToken: true,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a missing required field (password)',
    body: () => request('mutation { registerAccount(input: {loginName: "someone"}) { accountId } }'),
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  { name: 'a missing required variable field', body: () => register({ loginName: 'someone' }), code: 'BAD_USER_INPUT' },
  { name: 'a query that is not GraphQL', body: () => request('SELECT * FROM accounts; DROP TABLE accounts'), code: 'GRAPHQL_PARSE_FAILED' },
  {
    name: 'an unknown field',
    body: () => request('query { me { accountId passwordHash } }'),
    withToken: true,
    code: 'GRAPHQL_VALIDATION_FAILED',
  },
  { name: 'malformed JSON', body: () => '{"query":', transport: true },
  { name: 'a JSON body that is not an object', body: () => '"just a string"', transport: true },
  { name: 'a body of more than 1 MB', body: () => register({ ...valid(), password: 'x'.repeat(1_200_000) }), transport: true },
];

describe('bad input', () => {
  const suite = startAppForSuite();
  let account: RegisteredAccount;

  beforeAll(async () => {
    account = await registerAndLogin(suite.api);
  });

  it.each(BAD_REQUESTS)('answers $name with a client error, a code and no stack trace', async (bad) => {
    const answer = await postRaw(suite.app.graphqlUrl, bad.body(), bad.withToken ? bearer(account.token) : {});
    expect(answer.status).toBeLessThan(500);
    expect(findStackTraces(answer.text)).toEqual([]);
    expect(answer.text).not.toMatch(/p{100}|x{100}/); // a password is never echoed back
    const body = (answer.json ?? {}) as GqlBody;
    if (bad.transport) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      if (body.errors) for (const error of body.errors) expect(BAD_REQUEST_CODES).toContain(error.extensions?.code);
      return;
    }
    expect(body.data?.registerAccount ?? body.data?.enableProtection ?? null).toBeNull();
    expect(body.errors?.length).toBeGreaterThan(0);
    const codes = (body.errors ?? []).map((error) => error.extensions?.code);
    for (const code of codes) expect(BAD_REQUEST_CODES).toContain(code);
    if (bad.code) expect(codes).toContain(bad.code);
    if (bad.field) expect(body.errors?.map((error) => error.message).join(' ')).toContain(bad.field);
  });

  it('still serves clients normally after all of them', async () => {
    const health = await fetch(`${suite.app.baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(await me(suite.api, account.token)).toMatchObject({ accountId: account.accountId, loginName: account.loginName });
    const other = await registerAndLogin(suite.api);
    expect(other.accountId).not.toBe(account.accountId);
  });

  it('refuses a login name that is taken', async () => {
    const taken = await send(suite.api, 'registerAccount', { input: { ...newAccountDetails(), loginName: account.loginName } });
    expectError(taken, 'LOGIN_NAME_TAKEN');
  });

  it('answers an unknown login name and a wrong password alike', async () => {
    const details = newAccountDetails();
    await registerAccount(suite.api, details);
    const unknown = await send(suite.api, 'login', { input: { loginName: newAccountDetails().loginName, password: details.password } });
    const wrongPassword = await send(suite.api, 'login', { input: { loginName: details.loginName, password: `${details.password}x` } });
    const unknownError = expectError(unknown, 'INVALID_CREDENTIALS');
    const wrongPasswordError = expectError(wrongPassword, 'INVALID_CREDENTIALS');
    expect(unknownError.message).toBe(wrongPasswordError.message);
    expect(unknownError.message).not.toContain(details.loginName);
    // The right password still works: one failure does not lock.
    expect((await login(suite.api, { loginName: details.loginName, password: details.password })).status).toBe('SUCCEEDED');
  });
});
