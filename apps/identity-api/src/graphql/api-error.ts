import { GraphQLError } from 'graphql';

/** The error codes of the public contract (`extensions.code`): never renamed or dropped. */
export const API_ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'LOGIN_NAME_TAKEN',
  'INVALID_CREDENTIALS',
  'INVALID_CODE',
  'ACCOUNT_LOCKED',
  'VERIFICATION_REQUIRED',
  'TOTP_ALREADY_BOUND',
  'CONFLICT',
  'UNAVAILABLE',
  'DELIVERY_FAILED',
  'AUTHENTICATOR_LIMIT_REACHED',
  'RATE_LIMITED',
  'OPERATION_LIMIT_EXCEEDED',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_KEY_IN_USE',
  'INTEGRITY_CHECK_FAILED',
  'STEP_UP_REQUIRED',
  'SECOND_FACTOR_REQUIRED',
  'LAST_FACTOR',
  'WRITE_ACKNOWLEDGED',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** An error a client may see. Its message must never hold a secret, a code, a password or a hash. */
export function apiError(code: ApiErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export const unauthenticated = () => apiError('UNAUTHENTICATED', 'sign in first: a valid session token or API key is required');
export const forbidden = () => apiError('FORBIDDEN', 'not allowed for these credentials');
