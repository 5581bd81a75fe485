import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { API_ERROR_CODES } from './api-error';
import { apiErrorFor } from './api-error-mapping';

/** Codes whose messages are ours and safe to pass on. Apollo's own codes describe the request document. */
const PASSED_ON = new Set<string>([
  ...API_ERROR_CODES,
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE',
]);
const EXTENSIONS_KEPT = ['code', 'lockedUntil', 'field'];

/**
 * The last word on what an error shows, over HTTP and WebSocket alike. What a resolver threw is
 * mapped to the contract's code first (api-error-mapping.ts); known codes keep their message and a
 * few safe extensions; anything else (a bug, a driver error) becomes a bare INTERNAL_SERVER_ERROR.
 * Never a stack trace.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError, error: unknown, onInternal: (error: GraphQLFormattedError, cause: unknown) => void,
): GraphQLFormattedError {
  const thrown = thrownBy(error);
  const mapped = apiErrorFor(thrown);
  const message = mapped?.message ?? formatted.message;
  const given = mapped?.extensions ?? formatted.extensions;
  const code = String(given?.code ?? 'INTERNAL_SERVER_ERROR');
  if (!PASSED_ON.has(code)) {
    onInternal(formatted, thrown);
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  const extensions = Object.fromEntries(EXTENSIONS_KEPT.filter((key) => given?.[key] !== undefined).map((key) => [key, given?.[key]]));
  return { message, locations: formatted.locations, path: formatted.path, extensions };
}

/** What the resolver threw: graphql-js wraps it (once, or twice when it was a GraphQLError itself). */
function thrownBy(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}
