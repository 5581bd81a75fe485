import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, GraphQLError, Kind, OperationDefinitionNode, parse, specifiedRules, validate } from 'graphql';
import { formatGraphqlError } from '../format-error';
import { MUTATION_ROLES } from './mutation-roles';
import { operationCost } from './operation-cost';
import { rootFieldsRule } from './root-fields.rule';

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
});
