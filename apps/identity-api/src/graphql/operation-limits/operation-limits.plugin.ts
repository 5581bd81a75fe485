import type { ApolloServerPlugin } from '@apollo/server';
import type { OperationLimits } from '@identity/config';
import { operationCostError } from './operation-cost-check';

/**
 * Runs once the operation is known and before any resolver: the page-size caps and the cost limit
 * (operation-cost-check.ts). Validation rules cannot do this: they never see variables.
 */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const refused = operationCostError(limits, schema, document, operation, request.variables ?? {});
          if (refused) throw refused;
        },
      };
    },
  };
}
