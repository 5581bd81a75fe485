import { GraphQLError, ASTNode } from 'graphql';

/** The marker format-error.ts turns into `extensions.code: OPERATION_LIMIT_EXCEEDED` (Apollo rewrites validation codes). */
export const OPERATION_LIMIT = 'operationLimit';

/** A refused operation: `limit` names which one (aliases, rootFields, guardedMutations, cost, depth, tokens…). */
export function operationLimitError(limit: string, message: string, nodes?: readonly ASTNode[]): GraphQLError {
  return new GraphQLError(message, {
    nodes,
    extensions: { code: 'OPERATION_LIMIT_EXCEEDED', [OPERATION_LIMIT]: limit, http: { status: 400 } },
  });
}
