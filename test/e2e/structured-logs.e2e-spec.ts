import { startAppForSuite } from '../support/app-for-suite';
import { bearer, errorCodes, gql, postRaw } from '../support/graphql-client';
import { eventually } from '../support/polling';
import { registerAndLogin } from '../support/protected-account';

interface LogLine {
  level: number;
  time: string;
  msg: string;
  correlationId?: string;
  graphql?: { operation: string | null; fields: string[]; codes: string[] };
  err?: unknown;
}

const INFO = 30;

// Issue 13, "logs an operator can use": JSON lines, one per request outcome, with its correlation id.
describe('structured logs', () => {
  const suite = startAppForSuite();
  const lines = (): LogLine[] =>
    suite.app
      .log()
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as LogLine);
  // A request's line is written once its answer has gone out, so it may reach the log a moment later.
  const linesOf = (correlationId: string) =>
    eventually(
      () => Promise.resolve(lines().filter((line) => line.correlationId === correlationId)),
      (found) => found.length > 0,
    );

  it('writes every line as one JSON object with a level, an ISO time and a message', async () => {
    await gql(suite.app.graphqlUrl, '{ __typename }');
    const all = lines();
    expect(all.length).toBeGreaterThan(3);
    for (const line of all) {
      expect(typeof line.level).toBe('number');
      expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(typeof line.msg).toBe('string');
    }
  });

  it('logs a refused logon as one info line naming the operation and the code, without a stack or the password', async () => {
    const { loginName } = await registerAndLogin(suite.api);
    const password = 'a wrong password that must never be logged';
    const answer = await postRaw(
      suite.app.graphqlUrl,
      JSON.stringify({
        query: 'mutation LogOn($n: String!, $p: String!) { login(input: { loginName: $n, password: $p }) { status } }',
        variables: { n: loginName, p: password },
      }),
      { 'x-correlation-id': 'logs-refused-logon-1' },
    );
    expect(answer.headers.get('x-correlation-id')).toBe('logs-refused-logon-1');
    const [line, ...more] = await linesOf('logs-refused-logon-1');
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: INFO,
      msg: 'POST /graphql 200',
      graphql: { operation: 'LogOn', fields: ['login'], codes: ['INVALID_CREDENTIALS'] },
    });
    expect(line?.err).toBeUndefined();
    expect(suite.app.log()).not.toContain(password);
    expect(suite.app.log()).not.toMatch(/^\s+at /m);
  });

  it('never logs a session token, and gives the events of a request the id its log line carries', async () => {
    const { loginName, password } = await registerAndLogin(suite.api);
    const logon = await gql<{ login: { session: { token: string } } }>(
      suite.app.graphqlUrl,
      'mutation ($n: String!, $p: String!) { login(input: { loginName: $n, password: $p }) { session { token } } }',
      { n: loginName, p: password },
      { 'x-correlation-id': 'logs-logon-ok-1' },
    );
    const token = logon.body.data?.login.session.token ?? '';
    expect(token).not.toBe('');
    const me = await gql(suite.app.graphqlUrl, '{ me { accountId } }', {}, { ...bearer(token), 'x-correlation-id': 'logs-me-1' });
    expect(errorCodes(me)).toEqual([]);
    expect((await linesOf('logs-me-1'))[0]?.graphql?.fields).toEqual(['me']);
    expect(suite.app.log()).not.toContain(token);

    const [loggedLogon] = await linesOf('logs-logon-ok-1');
    expect(loggedLogon?.graphql).toEqual({ operation: null, fields: ['login'], codes: [] });
    const trailRow = async () => {
      const trail = await gql<{ auditTrail: { edges: { node: { type: string; correlationId: string } }[] } }>(
        suite.app.graphqlUrl,
        '{ auditTrail(first: 50) { edges { node { type correlationId } } } }',
        {},
        bearer(token),
      );
      return trail.body.data?.auditTrail.edges.find((edge) => edge.node.correlationId === 'logs-logon-ok-1');
    };
    const row = await eventually(trailRow, (found) => found !== undefined);
    expect(row?.node.type).toBe('LoginSucceeded');
  });
  it('logs a body the JSON parser refused as one line, and answers without ETag or X-Powered-By', async () => {
    const tooLarge = await postRaw(suite.app.graphqlUrl, JSON.stringify({ query: `{ __typename }${' '.repeat(70_000)}` }), {
      'x-correlation-id': 'logs-too-large-1',
    });
    expect(tooLarge.status).toBe(413);
    const [line, ...more] = await linesOf('logs-too-large-1');
    expect(more).toEqual([]);
    expect(line).toMatchObject({ level: INFO, msg: 'POST /graphql 413' });
    const answer = await postRaw(suite.app.graphqlUrl, JSON.stringify({ query: '{ __typename }' }));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('etag')).toBeNull();
    expect(answer.headers.get('x-powered-by')).toBeNull();
  });
});
