import { GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql';

/** Any JSON value, for event data shown to auditors and integrators (always redacted first). */
export const JsonScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'A JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => (ast.kind === Kind.NULL ? null : valueFromASTUntyped(ast, variables)),
});
