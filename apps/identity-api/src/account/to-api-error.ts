import { GraphQLError } from 'graphql';
import { DomainError } from '@identity/domain';
import { EventStoreUnavailableError } from '@identity/event-store';
import { apiError } from '../graphql/api-error';

/** Maps what the write side throws to the contract's codes; anything unknown is rethrown as it is. */
export function toApiError(error: unknown): unknown {
  if (error instanceof GraphQLError) return error;
  if (error instanceof DomainError) {
    switch (error.code) {
      case 'ACCOUNT_NOT_FOUND': return apiError('UNAUTHENTICATED', 'the account of this session no longer exists');
      case 'API_KEY_EXISTS': return apiError('CONFLICT', error.message);
      case 'BAD_USER_INPUT':
      case 'LOGIN_NAME_TAKEN':
      case 'TOTP_ALREADY_BOUND':
      case 'VERIFICATION_REQUIRED':
        return apiError(error.code, error.message);
    }
    return apiError(error.code, error.message); // a code thrown from outside the types
  }
  if (error instanceof EventStoreUnavailableError) {
    return apiError('UNAVAILABLE', 'the event store cannot be reached; try again shortly');
  }
  if ((error as { code?: string })?.code === 'CONFLICT') {
    return apiError('CONFLICT', 'the account changed concurrently too many times; try again');
  }
  return error;
}
