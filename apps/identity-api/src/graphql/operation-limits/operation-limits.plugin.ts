import type { ApolloServerPlugin } from '@apollo/server';
import { FragmentDefinitionNode, GraphQLError, Kind } from 'graphql';
import type { OperationLimits } from '@identity/config';
import { operationCost } from './operation-cost';
import { operationLimitError } from './operation-limit-error';

/**
 * Runs once the operation is known and before any resolver: page sizes above `maxPageSize` are
 * BAD_USER_INPUT, and an operation whose cost (page sizes included, variables applied) exceeds
 * `maxCost` is OPERATION_LIMIT_EXCEEDED. Validation rules cannot do this: they never see variables.
 */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          const { cost, pageSizes } = operationCost({ schema, operation, fragments, variables: request.variables ?? {} });
          const tooLarge = pageSizes.find((page) => page.value > limits.maxPageSize || page.value < 0);
          if (tooLarge) {
            throw new GraphQLError(`${tooLarge.argument}: must be from 0 to ${limits.maxPageSize} (on ${tooLarge.field})`, {
              extensions: { code: 'BAD_USER_INPUT', field: tooLarge.argument, http: { status: 400 } },
            });
          }
          if (cost > limits.maxCost) {
            throw operationLimitError(
              'cost',
              `the operation costs ${cost}, more than the limit of ${limits.maxCost}: ask for fewer or smaller pages`,
            );
          }
        },
      };
    },
  };
}
