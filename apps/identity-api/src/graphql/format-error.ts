import { GraphQLFormattedError } from 'graphql';
import { OPERATION_LIMIT } from './operation-limits/operation-limit-error';
import { withoutSubmittedValues } from './submitted-values';

/** Codes whose messages are ours and safe to pass on. Apollo's own codes describe the request document. */
const PASSED_ON = new Set([
  'BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'LOGIN_NAME_TAKEN', 'INVALID_CREDENTIALS', 'INVALID_CODE',
  'ACCOUNT_LOCKED', 'VERIFICATION_REQUIRED', 'TOTP_ALREADY_BOUND', 'CONFLICT', 'UNAVAILABLE', 'DELIVERY_FAILED',
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'OPERATION_LIMIT_EXCEEDED', 'RATE_LIMITED',
]);
/** graphql-js's parser, stopped by `parseOptions.maxTokens`, says so only in its message. */
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more th(?:an|at) \d+ tokens/; // graphql 16 spells it "more that"
const EXTENSIONS_KEPT = ['code', 'lockedUntil', 'field', 'retryAfter'];

/**
 * The last word on what an error shows: known codes keep their message and a few safe extensions;
 * anything else (a bug, a driver error) becomes a bare INTERNAL_SERVER_ERROR. Never a stack trace.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, onInternal: (error: GraphQLFormattedError) => void): GraphQLFormattedError {
  // Apollo gives every validation error its own code; an operation limit's refusal carries a marker instead.
  const code = formatted.extensions?.[OPERATION_LIMIT] || TOO_MANY_TOKENS.test(formatted.message)
    ? 'OPERATION_LIMIT_EXCEEDED' : String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
  if (!PASSED_ON.has(code)) {
    onInternal(formatted);
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  const extensions = Object.fromEntries(
    EXTENSIONS_KEPT.filter((key) => formatted.extensions?.[key] !== undefined).map((key) => [key, formatted.extensions?.[key]]),
  );
  extensions.code = code;
  return { message: withoutSubmittedValues(formatted.message), locations: formatted.locations, path: formatted.path, extensions };
}
