import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAppForSuite } from '../support/app-for-suite';
import { bearer, errorCodes, gql, postRaw } from '../support/graphql-client';
import { beginBindingTotp, newAccountDetails, registerAndLogin } from '../support/protected-account';
import { TotpAuthenticator } from '../support/totp';

const REGISTER = 'mutation ($n: String!, $p: String!) { registerAccount(input: { loginName: $n, password: $p }) { accountId } }';
const BIND = 'mutation ($e: ID!, $c: String!) { bindTotp(input: { enrollmentId: $e, code: $c }) { security { totpBound method } } }';

// Issue 13, "retried mutations are safe": the first answer again for an Idempotency-Key, nothing run twice.
describe('Idempotency-Key on mutations', () => {
  const suite = startAppForSuite();
  const send = (query: string, variables: Record<string, unknown>, headers: Record<string, string>) =>
    postRaw(suite.app.graphqlUrl, JSON.stringify({ query, variables }), headers);
  const body = (raw: { json: unknown }) =>
    raw.json as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] };
  const codes = (raw: { json: unknown }) => (body(raw).errors ?? []).map((e) => e.extensions?.code);
  const key = () => `key-${Math.random().toString(36).slice(2)}`;

  it('registers once when a client retries registerAccount with its key, and answers the first answer again', async () => {
    const { loginName, password } = newAccountDetails();
    const headers = { 'idempotency-key': key() };
    const first = await send(REGISTER, { n: loginName, p: password }, headers);
    const retried = await send(REGISTER, { n: loginName, p: password }, headers);
    expect(codes(first)).toEqual([]);
    expect(retried.text).toBe(first.text);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // Without the key the same request runs, and is refused: the account exists, once.
    expect(codes(await send(REGISTER, { n: loginName, p: password }, {}))).toEqual(['LOGIN_NAME_TAKEN']);
  });

  it('answers a retried bindTotp with its success, not with "enrollment used"', async () => {
    const account = await beginBindingTotp(suite.api, suite.receivers);
    const code = await new TotpAuthenticator(account.enrollment.secret).nextCode();
    const headers = { ...bearer(account.token), 'idempotency-key': key() };
    const first = await send(BIND, { e: account.enrollment.enrollmentId, c: code }, headers);
    const retried = await send(BIND, { e: account.enrollment.enrollmentId, c: code }, headers);
    expect(body(first).data).toEqual({ bindTotp: { security: { totpBound: true, method: 'TOTP' } } });
    expect(retried.text).toBe(first.text);
    // Without the key, the retry runs again and is refused: the enrollment is bound already.
    expect(codes(await send(BIND, { e: account.enrollment.enrollmentId, c: code }, bearer(account.token)))).toEqual(['TOTP_ALREADY_BOUND']);
  });

  it('refuses a key used for another request, and runs nothing for it', async () => {
    const headers = { 'idempotency-key': key() };
    const one = newAccountDetails();
    const other = newAccountDetails();
    expect(codes(await send(REGISTER, { n: one.loginName, p: one.password }, headers))).toEqual([]);
    expect(codes(await send(REGISTER, { n: other.loginName, p: other.password }, headers))).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(codes(await send(REGISTER, { n: other.loginName, p: other.password }, {}))).toEqual([]);
  });

  it('runs one of many racing requests with one key; the others wait or get its answer', async () => {
    const { loginName, password } = newAccountDetails();
    const headers = { 'idempotency-key': key() };
    const answers = await Promise.all(Array.from({ length: 6 }, () => send(REGISTER, { n: loginName, p: password }, headers)));
    const ids = new Set(answers.flatMap((a) => (codes(a).length === 0 ? [JSON.stringify(body(a).data)] : [])));
    expect(ids.size).toBe(1);
    for (const answer of answers) expect(['IDEMPOTENCY_KEY_IN_USE', undefined]).toContain(codes(answer)[0]);
  });

  it("keeps each caller's keys apart", async () => {
    const [alice, bob] = [await registerAndLogin(suite.api), await registerAndLogin(suite.api)];
    const query =
      'mutation { enableProtection(input: { scenes: [LOGON], method: TOTP, verifyBy: EMAIL }) { verification { verificationId } } }';
    const shared = key();
    const forAlice = await gql(suite.app.graphqlUrl, query, {}, { ...bearer(alice.token), 'idempotency-key': shared });
    const forBob = await gql(suite.app.graphqlUrl, query, {}, { ...bearer(bob.token), 'idempotency-key': shared });
    expect([errorCodes(forAlice), errorCodes(forBob)]).toEqual([[], []]);
    expect(forBob.text).not.toBe(forAlice.text);
  });

  it('refuses a malformed key before anything runs', async () => {
    const { loginName, password } = newAccountDetails();
    expect(codes(await send(REGISTER, { n: loginName, p: password }, { 'idempotency-key': 'x'.repeat(256) }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await send(REGISTER, { n: loginName, p: password }, {}))).toEqual([]);
  });

  it('keeps the answers sealed: a session token it can replay is nowhere in the read-model files', async () => {
    const account = await registerAndLogin(suite.api);
    const logon = 'mutation ($n: String!, $p: String!) { login(input: { loginName: $n, password: $p }) { session { token } } }';
    const headers = { 'idempotency-key': key() };
    const first = await send(logon, { n: account.loginName, p: account.password }, headers);
    const token = (body(first).data?.login as { session: { token: string } }).session.token;
    expect((await send(logon, { n: account.loginName, p: account.password }, headers)).text).toContain(token);
    const files = readdirSync(suite.app.dataDir).filter((name) => name.startsWith('read-models.db'));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) expect(readFileSync(join(suite.app.dataDir, name)).includes(token)).toBe(false);
  });
});
