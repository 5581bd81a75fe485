import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, GraphQLError, Kind, OperationDefinitionNode, parse, specifiedRules, validate } from 'graphql';
import { formatGraphqlError } from '../format-error';
import { MUTATION_ROLES } from './mutation-roles';
import { operationCost } from './operation-cost';
import { rootFieldsRule } from './root-fields.rule';
import { operationLimits } from './operation-limits';

const schema = buildSchema(readFileSync(join(__dirname, '../../../../../schema.gql'), 'utf8'));

describe('operation limits', () => {
  it('classifies every mutation of the schema, so that a new one must be given a role', () => {
    expect(Object.keys(MUTATION_ROLES).sort()).toEqual(Object.keys(schema.getMutationType()?.getFields() ?? {}).sort());
  });

  const codes = (source: string) =>
    validate(schema, parse(source), [...specifiedRules, rootFieldsRule(3)]).map(
      (error) => (error.extensions as { operationLimit?: string }).operationLimit ?? error.message,
    );

  it('allows one guarded mutation per request, also through fragments, and caps root fields', () => {
    expect(codes('mutation { login(input: { loginName: "a", password: "b" }) { status } }')).toEqual([]);
    expect(
      codes(
        'mutation { a: login(input: { loginName: "a", password: "b" }) { status } b: login(input: { loginName: "a", password: "c" }) { status } }',
      ),
    ).toEqual(['guardedMutations']);
    expect(
      codes(
        'mutation { ...F ... on Mutation { login(input: { loginName: "a", password: "c" }) { status } } } fragment F on Mutation { x: registerAccount(input: { loginName: "a", password: "b" }) { accountId } }',
      ),
    ).toEqual(['guardedMutations']);
    expect(codes('{ a: me { accountId } b: me { accountId } c: me { accountId } d: me { accountId } }')).toEqual(['rootFields']);
  });

  it('counts page sizes, from literals, variables and defaults, in the cost', () => {
    const cost = (source: string, variables: Record<string, unknown> = {}) => {
      const document = parse(source);
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      return operationCost({ schema, operation: operation!, fragments: {}, variables });
    };
    const page = 'edges { cursor node { type } }';
    expect(cost(`{ auditTrail(first: 10) { ${page} } }`).cost).toBe(10 + 10 * 4);
    expect(cost(`query ($n: Int) { auditTrail(first: $n) { ${page} } }`, { n: 100 }).pageSizes).toEqual([
      { field: 'auditTrail', argument: 'first', value: 100 },
    ]);
    expect(cost(`{ auditTrail { ${page} } }`).cost).toBe(10 + 50 * 4);
  });

  it('answers a tagged refusal OPERATION_LIMIT_EXCEEDED and never echoes a submitted value', () => {
    const tagged = new GraphQLError('too many', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', operationLimit: 'aliases' } });
    expect(formatGraphqlError(tagged.toJSON(), tagged, () => undefined).extensions).toEqual({ code: 'OPERATION_LIMIT_EXCEEDED' });
    const coercion = new GraphQLError(
      'Variable "$input" got invalid value { password: "hunter22" } at "input.extra"; Field "extra" is not defined by type "LoginInput".',
      { extensions: { code: 'BAD_USER_INPUT' } },
    );
    expect(formatGraphqlError(coercion.toJSON(), coercion, () => undefined).message).toBe(
      'Variable "$input" got an invalid value at "input.extra" (the value is not shown)',
    );
    const literal = new GraphQLError('String cannot represent a non string value: 12345678', {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(formatGraphqlError(literal.toJSON(), literal, () => undefined).message).not.toContain('12345678');
  });

  it('tags the Armor refusals (aliases, depth) and applies every limit to a WebSocket operation', async () => {
    const limits = { maxAliases: 2, maxRootFields: 2, maxDepth: 4, maxCost: 100, maxPageSize: 10, maxTokens: 200 };
    const setup = operationLimits(limits, false);
    const armor = (source: string) =>
      validate(schema, parse(source), [...specifiedRules, ...setup.validationRules]).map((e) => e.extensions.operationLimit);
    expect(armor('{ me { a: accountId b: accountId c: accountId } }')).toEqual(['aliases']);
    expect(armor('{ me { ... on Account { ... on Account { ... on Account { accountId } } } } }')).toEqual(['depth']);
    expect(() => setup.checkSocketOperation({ query: '{ __typename }' })).toThrow(/before the GraphQL server started/);
    for (const plugin of setup.plugins) await plugin.serverWillStart?.({ schema } as never);
    const refusal = (query: string, variables: Record<string, unknown> = {}) => {
      const result = setup.checkSocketOperation({ query, variables });
      return Array.isArray(result) ? result.map((e) => e.extensions.operationLimit ?? e.extensions.code ?? e.message) : 'runs';
    };
    expect(refusal('{ __typename }')).toBe('runs');
    expect(refusal('{ me { a: accountId b: accountId c: accountId } }')).toEqual(['aliases']);
    expect(refusal('{ me { accountId } webhooks { webhookId } accountSecurity(accountId: "a") { accountId } }')).toEqual(['rootFields']);
    expect(refusal(`{ ${'__typename '.repeat(250)} }`)[0]).toMatch(/more th.. 200 tokens/);
    expect(refusal('query ($n: Int) { auditTrail(first: $n) { edges { cursor } } }', { n: 11 })).toEqual(['BAD_USER_INPUT']);
    const page = 'auditTrail(first: 10) { edges { cursor node { type position } } }';
    expect(refusal(`{ a: ${page} b: ${page} }`)).toEqual(['cost']);
    expect(refusal('{ __schema { types { name } } }')[0]).toMatch(/introspection has been disabled/);
  });
});
