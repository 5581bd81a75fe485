import { DocumentNode, FragmentDefinitionNode, GraphQLError, GraphQLSchema, Kind, OperationDefinitionNode } from 'graphql';
import type { OperationLimits } from '@identity/config';
import { operationCost } from './operation-cost';
import { operationLimitError } from './operation-limit-error';

/**
 * The checks that need the variables, so no validation rule can make them: a page size above
 * `maxPageSize` is BAD_USER_INPUT naming the argument, and an operation whose cost (page sizes
 * included) exceeds `maxCost` is OPERATION_LIMIT_EXCEEDED. Null when the operation may run. Shared
 * by the HTTP plugin and the WebSocket check, so both transports refuse the same operations.
 */
export function operationCostError(
  limits: OperationLimits,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): GraphQLError | null {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const { cost, pageSizes } = operationCost({ schema, operation, fragments, variables });
  const tooLarge = pageSizes.find((page) => page.value > limits.maxPageSize || page.value < 0);
  if (tooLarge) {
    return new GraphQLError(`${tooLarge.argument}: must be from 0 to ${limits.maxPageSize} (on ${tooLarge.field})`, {
      extensions: { code: 'BAD_USER_INPUT', field: tooLarge.argument, http: { status: 400 } },
    });
  }
  if (cost > limits.maxCost) {
    return operationLimitError(
      'cost',
      `the operation costs ${cost}, more than the limit of ${limits.maxCost}: ask for fewer or smaller pages`,
    );
  }
  return null;
}
