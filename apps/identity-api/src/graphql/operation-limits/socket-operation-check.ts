import {
  ExecutionArgs,
  getOperationAST,
  GraphQLError,
  GraphQLSchema,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  ValidationRule,
} from 'graphql';
import type { OperationLimits } from '@identity/config';
import { operationCostError } from './operation-cost-check';

/** What a graphql-ws `subscribe` message carries. */
export interface SocketOperation {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

export type SocketOperationCheck = (schema: GraphQLSchema, operation: SocketOperation) => ExecutionArgs | GraphQLError[];

/** Armor's field-suggestion mask, which over HTTP is an Apollo plugin. */
const SUGGESTION = /Did you mean ".+"/g;

/**
 * An operation sent over the WebSocket passes what Apollo runs over HTTP before anything executes:
 * graphql-js's parser with the token cap, the specified rules, the same limit rules (Armor's aliases,
 * depth and directives, root fields and guarded mutations), no introspection unless enabled, and
 * the page-size and cost checks with the variables. Without this hook graphql-ws validates with the
 * specified rules only. Errors go back to the client as graphql-ws `error` messages, through the
 * same formatting as over HTTP (OPERATION_LIMIT_EXCEEDED for a limit).
 */
export function socketOperationCheck(limits: OperationLimits, limitRules: ValidationRule[], introspection: boolean): SocketOperationCheck {
  const rules = [...specifiedRules, ...limitRules, ...(introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  const refused = (errors: readonly GraphQLError[]) =>
    errors.map((error) => {
      error.message = error.message.replace(SUGGESTION, '[Suggestion hidden]');
      return error;
    });
  return (schema, operation) => {
    let document;
    let invalid: readonly GraphQLError[];
    // The parser throws at the token cap; Armor's rules throw their refusal out of `validate`.
    try {
      document = parse(operation.query, { maxTokens: limits.maxTokens });
      invalid = validate(schema, document, rules);
    } catch (error) {
      if (error instanceof GraphQLError) return refused([error]);
      throw error;
    }
    if (invalid.length > 0) return refused(invalid);
    const definition = getOperationAST(document, operation.operationName);
    if (!definition) return [new GraphQLError('Unable to identify the operation: name it with operationName')];
    const variableValues = operation.variables ?? {};
    const tooCostly = operationCostError(limits, schema, document, definition, variableValues);
    if (tooCostly) return [tooCostly];
    return { schema, document, variableValues, operationName: operation.operationName };
  };
}
