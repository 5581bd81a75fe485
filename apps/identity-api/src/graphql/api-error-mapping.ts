import { GraphQLError } from 'graphql';
import { DomainError } from '@identity/domain';
import { ConcurrencyConflictError, EventStoreUnavailableError, StreamIntegrityError } from '@identity/event-store';
import { ReadModelUnavailableError } from '@identity/read-models';
import { NotAllowedError, NotSignedInError } from '../auth/access-errors';
import { apiError } from './api-error';
import { RefusedError } from './refused.error';
import { WriteAcknowledgedError } from './write-acknowledged.error';

/** A read-model database that is down is usually back within seconds (a restart, a failover). */
const READ_MODEL_RETRY_AFTER_SECONDS = 5;

/**
 * The one place that turns what handlers and resolvers throw into the contract's codes. Handlers
 * just throw: a domain rule's DomainError, a recorded refusal, an access check, a store failure.
 * Returns null for anything else (a GraphQLError already carries its code; a bug stays internal).
 */
export function apiErrorFor(error: unknown): GraphQLError | null {
  if (error instanceof DomainError) return fromDomainError(error);
  if (error instanceof RefusedError) return fromRefusal(error);
  if (error instanceof NotSignedInError) return apiError('UNAUTHENTICATED', error.message);
  if (error instanceof NotAllowedError) return apiError('FORBIDDEN', error.message);
  if (error instanceof EventStoreUnavailableError) return apiError('UNAVAILABLE', 'the event store cannot be reached; try again shortly');
  if (error instanceof ReadModelUnavailableError) {
    return apiError('UNAVAILABLE', 'the read models cannot be reached; try again shortly', { retryAfter: READ_MODEL_RETRY_AFTER_SECONDS });
  }
  if (error instanceof ConcurrencyConflictError) return apiError('CONFLICT', 'the data changed concurrently too many times; try again');
  if (error instanceof WriteAcknowledgedError) {
    return apiError('WRITE_ACKNOWLEDGED', 'the change was saved, but its answer could not be built: do not send it again, read the state', {
      retry: false,
      writes: error.writes,
    });
  }
  if (error instanceof StreamIntegrityError) {
    return apiError('INTEGRITY_CHECK_FAILED', 'the stored history this needs failed its integrity check; an operator has been alerted');
  }
  return null;
}

function fromDomainError(error: DomainError): GraphQLError {
  const field = error.field === null ? {} : { field: error.field };
  switch (error.code) {
    case 'ACCOUNT_NOT_FOUND':
      return apiError('UNAUTHENTICATED', 'the account of this session no longer exists');
    case 'SESSION_NOT_LIVE':
      return apiError('UNAUTHENTICATED', 'this session has ended: sign in again');
    case 'STEP_UP_REQUIRED':
      return apiError('STEP_UP_REQUIRED', error.message);
    case 'API_KEY_EXISTS':
      return apiError('CONFLICT', error.message);
    case 'ACCOUNT_DISABLED':
      return apiError('INVALID_CREDENTIALS', 'wrong login name or password');
    case 'NOT_PERMITTED':
      return apiError('FORBIDDEN', error.message);
    case 'LOGIN_NAME_TAKEN':
      return apiError('LOGIN_NAME_TAKEN', error.message, { field: 'loginName' });
    case 'ENROLLMENT_ALREADY_BOUND':
      return apiError('TOTP_ALREADY_BOUND', error.message);
    case 'INVALID_REQUEST':
    case 'ACCOUNT_EXISTS':
    case 'PROTECTION_NOT_ENABLED':
    case 'WEBHOOK_EXISTS':
    case 'WEBHOOK_NOT_FOUND':
    case 'API_KEY_NOT_FOUND':
      return apiError('BAD_USER_INPUT', error.message, field);
    case 'VERIFICATION_REQUIRED':
    case 'AUTHENTICATOR_LIMIT_REACHED':
    case 'SECOND_FACTOR_REQUIRED':
    case 'LAST_FACTOR':
      return apiError(error.code, error.message);
    default:
      return assertNever(error.code);
  }
}

function fromRefusal({ failure }: RefusedError): GraphQLError {
  switch (failure.code) {
    case 'ACCOUNT_LOCKED':
      // lockedUntil null with permanent: a lock until an unlock (the second-factor total cap).
      return apiError('ACCOUNT_LOCKED', 'too many failed attempts: the account is locked for a while', {
        lockedUntil: failure.lockedUntil,
        permanent: failure.lockedUntil === null,
      });
    case 'INVALID_CREDENTIALS':
      return apiError('INVALID_CREDENTIALS', 'wrong login name or password');
    case 'INVALID_CODE':
      return apiError('INVALID_CODE', 'the code is wrong, expired or already used');
    default:
      return assertNever(failure);
  }
}

function assertNever(value: never): never {
  throw new Error(`unmapped error ${JSON.stringify(value)}`);
}
