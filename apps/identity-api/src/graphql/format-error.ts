import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { API_ERROR_CODES } from './api-error';
import { apiErrorFor } from './api-error-mapping';
import { OPERATION_LIMIT } from './operation-limits/operation-limit-error';
import { withoutSubmittedValues } from './submitted-values';

/** Codes whose messages are ours and safe to pass on. Apollo's own codes describe the request document. */
const PASSED_ON = new Set<string>([
  ...API_ERROR_CODES,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);
/** graphql-js's parser, stopped by `parseOptions.maxTokens`, says so only in its message. */
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more th(?:an|at) \d+ tokens/; // graphql 16 spells it "more that"
const EXTENSIONS_KEPT = ['code', 'lockedUntil', 'permanent', 'field', 'retryAfter', 'retry', 'writes'];

/**
 * The last word on what an error shows, over HTTP and WebSocket alike. What a resolver threw is
 * mapped to the contract's code first (api-error-mapping.ts); an operation limit's refusal carries a
 * marker (Apollo gives every validation error its own code); known codes keep their message, with
 * submitted values cut out, and a few safe extensions; anything else (a bug, a driver error) becomes
 * a bare INTERNAL_SERVER_ERROR. Never a stack trace.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  error: unknown,
  onInternal: (error: GraphQLFormattedError, cause: unknown) => void,
): GraphQLFormattedError {
  const thrown = thrownBy(error);
  const mapped = apiErrorFor(thrown);
  const message = mapped?.message ?? formatted.message;
  const given = mapped?.extensions ?? formatted.extensions;
  const code =
    given?.[OPERATION_LIMIT] || TOO_MANY_TOKENS.test(message) ? 'OPERATION_LIMIT_EXCEEDED' : String(given?.code ?? 'INTERNAL_SERVER_ERROR');
  if (!PASSED_ON.has(code)) {
    onInternal(formatted, thrown);
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
  const extensions = Object.fromEntries(EXTENSIONS_KEPT.filter((key) => given?.[key] !== undefined).map((key) => [key, given?.[key]]));
  extensions.code = code;
  return { message: withoutSubmittedValues(message), locations: formatted.locations, path: formatted.path, extensions };
}

/** What the resolver threw: graphql-js wraps it (once, or twice when it was a GraphQLError itself). */
function thrownBy(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}
