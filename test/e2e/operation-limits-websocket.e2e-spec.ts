import { startAppForSuite } from '../support/app-for-suite';
import { createApiKey } from '../support/graphql-ws-subscriber';
import { SocketOperations, socketCodes } from '../support/graphql-ws-operation';
import { registerAndLogin } from '../support/protected-account';

const AUDIT_FIELDS = 'edges { cursor node { position type data } } pageInfo { hasNextPage endCursor }';
/** `levels` inline fragments nested in one another: each one counts as a level of depth. */
const nested = (levels: number, inner: string) => `${'... on Account { '.repeat(levels)}${inner}${' }'.repeat(levels)}`;

// Issue 9: an operation over graphql-ws passes the same limits as over HTTP, before anything runs.
describe('operation limits over graphql-ws', () => {
  const suite = startAppForSuite();
  let socket: SocketOperations;
  beforeAll(async () => {
    socket = new SocketOperations(suite.app.baseUrl, { apiKey: await createApiKey(suite.app.env, 'integrator') });
  });
  afterAll(async () => socket?.dispose());

  it('still runs an ordinary operation', async () => {
    const answer = await socket.run('{ __typename }');
    expect(answer).toEqual({ kind: 'results', errors: [], data: [{ __typename: 'Query' }] });
  });

  it('refuses a subscription with too many aliases', async () => {
    const aliases = Array.from({ length: 11 }, (_, i) => `a${i}: id`).join(' ');
    const answer = await socket.run(`subscription { securityEvents { ${aliases} } }`);
    expect(answer.kind).toBe('refused');
    expect(socketCodes(answer)).toContain('OPERATION_LIMIT_EXCEEDED');
  });

  it('refuses aliased password guesses in one mutation without checking a single one', async () => {
    const { loginName } = await registerAndLogin(suite.api);
    const guesses = Array.from(
      { length: 5 },
      (_, i) => `g${i}: login(input: { loginName: "${loginName}", password: "guess-${i}" }) { status }`,
    );
    const answer = await socket.run(`mutation { ${guesses.join(' ')} }`);
    expect(answer.kind).toBe('refused');
    expect(socketCodes(answer)).toEqual(['OPERATION_LIMIT_EXCEEDED']);
    expect(suite.app.log()).not.toMatch(/login refused: INVALID_CREDENTIALS/);
  });

  it('refuses too many root fields, deep nesting and too many tokens', async () => {
    const roots = Array.from({ length: 11 }, (_, i) => `t${i}: __typename`).join(' ');
    const deep = `{ me { ${nested(10, 'accountId')} } }`;
    const tokens = `{ ${'__typename '.repeat(2100)} }`;
    for (const query of [`{ ${roots} }`, deep, tokens]) {
      const answer = await socket.run(query);
      expect({ query: query.slice(0, 40), kind: answer.kind, codes: socketCodes(answer) }).toEqual({
        query: query.slice(0, 40),
        kind: 'refused',
        codes: ['OPERATION_LIMIT_EXCEEDED'],
      });
    }
  });

  it('caps page sizes, literal or in variables, and the cost of many pages', async () => {
    const literal = await socket.run(`{ auditTrail(first: 5000) { ${AUDIT_FIELDS} } }`);
    const variable = await socket.run(`query ($n: Int) { auditTrail(first: $n) { ${AUDIT_FIELDS} } }`, { n: 5000 });
    for (const answer of [literal, variable]) {
      expect(answer.kind).toBe('refused');
      expect(socketCodes(answer)).toEqual(['BAD_USER_INPUT']);
    }
    const pages = Array.from({ length: 8 }, (_, i) => `p${i}: auditTrail(first: 100) { ${AUDIT_FIELDS} }`).join(' ');
    const costly = await socket.run(`{ ${pages} }`);
    expect(costly.kind).toBe('refused');
    expect(socketCodes(costly)).toEqual(['OPERATION_LIMIT_EXCEEDED']);
  });

  it('answers no introspection and no field suggestions on the socket either', async () => {
    const schema = await socket.run('{ __schema { types { name } } }');
    expect(schema.kind).toBe('refused');
    const typo = await socket.run('subscription { securityEvent { id } }');
    expect(typo.kind).toBe('refused');
    expect(JSON.stringify(typo.errors)).not.toMatch(/Did you mean/);
  });
});
