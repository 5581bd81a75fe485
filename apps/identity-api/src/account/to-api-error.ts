import { GraphQLError } from 'graphql';
import { DomainError } from '@identity/domain';
import { EventStoreUnavailableError } from '@identity/event-store';
import { apiError } from '../graphql/api-error';

/** Maps what the write side throws to the contract's codes; anything unknown is rethrown as it is. */
export function toApiError(error: unknown): unknown {
  if (error instanceof GraphQLError) return error;
  if (error instanceof DomainError) return domainToApiError(error);
  if (error instanceof EventStoreUnavailableError) {
    return apiError('UNAVAILABLE', 'the event store cannot be reached; try again shortly');
  }
  if ((error as { code?: string })?.code === 'CONFLICT') {
    return apiError('CONFLICT', 'the account changed concurrently too many times; try again');
  }
  return error;
}

function domainToApiError(error: DomainError): GraphQLError {
  const field = error.field === null ? {} : { field: error.field };
  switch (error.code) {
    case 'ACCOUNT_NOT_FOUND': return apiError('UNAUTHENTICATED', 'the account of this session no longer exists');
    case 'API_KEY_EXISTS': return apiError('CONFLICT', error.message);
    case 'INVALID_REQUEST':
    case 'ACCOUNT_EXISTS':
    case 'PROTECTION_NOT_ENABLED':
    case 'WEBHOOK_EXISTS':
    case 'WEBHOOK_NOT_FOUND':
      return apiError('BAD_USER_INPUT', error.message, field);
    case 'ENROLLMENT_ALREADY_BOUND': return apiError('TOTP_ALREADY_BOUND', error.message);
    case 'AUTHENTICATOR_LIMIT_REACHED': return apiError('AUTHENTICATOR_LIMIT_REACHED', error.message);
    case 'LOGIN_NAME_TAKEN':
    case 'VERIFICATION_REQUIRED':
      return apiError(error.code, error.message);
    default: {
      const unknown: never = error.code;
      return unknown;
    }
  }
}
