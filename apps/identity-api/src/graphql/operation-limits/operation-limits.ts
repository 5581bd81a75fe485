import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLError, ValidationRule } from 'graphql';
import type { OperationLimits } from '@identity/config';
import { OPERATION_LIMIT } from './operation-limit-error';
import { operationLimitsPlugin } from './operation-limits.plugin';
import { rootFieldsRule } from './root-fields.rule';

/** Tags an Armor refusal so that format-error.ts answers OPERATION_LIMIT_EXCEEDED (Apollo sets its own code). */
const tag = (limit: string) => (_context: unknown, error: GraphQLError) => {
  (error.extensions as Record<string, unknown>)[OPERATION_LIMIT] = limit;
};

/**
 * Everything that refuses an operation before it runs: GraphQL Armor for aliases, depth, directives
 * and field suggestions; graphql-js's parser for tokens; our own rule for root fields and guarded mutations; our own
 * plugin for the cost (page sizes count) and page-size caps (Armor's cost limit ignores `first`).
 */
export function operationLimits(limits: OperationLimits): {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin[];
  parseOptions: { maxTokens: number };
} {
  const armor = new ApolloArmor({
    costLimit: { enabled: false },
    maxAliases: { n: limits.maxAliases, onReject: [tag('aliases')] },
    maxDepth: { n: limits.maxDepth, onReject: [tag('depth')] },
    // Tokens are capped by graphql-js's own parser (parseOptions below): Armor's token plugin answers a syntax error with HTTP 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: 20, onReject: [tag('directives')] },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return {
    validationRules: [...armor.validationRules, rootFieldsRule(limits.maxRootFields)],
    plugins: [...armor.plugins, operationLimitsPlugin(limits)],
    parseOptions: { maxTokens: limits.maxTokens },
  };
}
