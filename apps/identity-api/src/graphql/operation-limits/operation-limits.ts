import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ExecutionArgs, GraphQLError, GraphQLSchema, ValidationContext, ValidationRule } from 'graphql';
import type { OperationLimits } from '@identity/config';
import { operationLimitError } from './operation-limit-error';
import { operationLimitsPlugin } from './operation-limits.plugin';
import { rootFieldsRule } from './root-fields.rule';
import { SocketOperation, socketOperationCheck } from './socket-operation-check';

/**
 * How an Armor rule refuses: it reports our own error, tagged so that format-error.ts answers
 * OPERATION_LIMIT_EXCEEDED. Armor's default would report a BAD_USER_INPUT of its own instead (which
 * Apollo turns into GRAPHQL_VALIDATION_FAILED), so its propagation is switched off.
 */
const refuse = (limit: string) => ({
  propagateOnRejection: false,
  onReject: [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(operationLimitError(limit, error.message.replace(/^Syntax Error: /, ''))),
  ],
});

export interface OperationLimitsSetup {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin[];
  parseOptions: { maxTokens: number };
  /** The same checks for an operation sent over graphql-ws (its `onSubscribe`): the arguments to run it, or why not. */
  checkSocketOperation: (operation: SocketOperation) => ExecutionArgs | GraphQLError[];
}

/**
 * Everything that refuses an operation before it runs: GraphQL Armor for aliases, depth, directives
 * and field suggestions; graphql-js's parser for tokens; our own rule for root fields and guarded mutations; our own
 * plugin for the cost (page sizes count) and page-size caps (Armor's cost limit ignores `first`).
 * Over HTTP, Apollo applies them; over graphql-ws, `checkSocketOperation` applies the same ones.
 */
export function operationLimits(limits: OperationLimits, introspection: boolean): OperationLimitsSetup {
  const armor = new ApolloArmor({
    costLimit: { enabled: false },
    maxAliases: { n: limits.maxAliases, ...refuse('aliases') },
    maxDepth: { n: limits.maxDepth, ...refuse('depth') },
    // Tokens are capped by graphql-js's own parser (parseOptions below): Armor's token plugin answers a syntax error with HTTP 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: 20, ...refuse('directives') },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  const validationRules = [...armor.validationRules, rootFieldsRule(limits.maxRootFields)];
  const check = socketOperationCheck(limits, validationRules, introspection);
  // graphql-ws hooks are not given the schema: it is taken from Apollo, which starts before the WebSocket server.
  let schema: GraphQLSchema | null = null;
  const schemaHolder: ApolloServerPlugin = {
    async serverWillStart(server) {
      schema = server.schema;
    },
  };
  return {
    validationRules,
    plugins: [...armor.plugins, operationLimitsPlugin(limits), schemaHolder],
    parseOptions: { maxTokens: limits.maxTokens },
    checkSocketOperation: (operation) => {
      if (!schema) throw new Error('an operation arrived over the WebSocket before the GraphQL server started');
      return check(schema, operation);
    },
  };
}
