import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { DomainError } from '@identity/domain';
import { ConcurrencyConflictError, EventStoreUnavailableError } from '@identity/event-store';
import { NotAllowedError } from '../auth/access-errors';
import { apiError } from './api-error';
import { formatGraphqlError } from './format-error';
import { RefusedError } from './refused.error';

/**
 * What Apollo hands the formatter for an error a resolver threw: graphql-js wraps it, located at a
 * path, with the thrown error's extensions; Apollo adds INTERNAL_SERVER_ERROR where there is no code.
 */
function answerTo(thrown: Error): { formatted: GraphQLFormattedError; internal: unknown[] } {
  const extensions = thrown instanceof GraphQLError ? thrown.extensions : {};
  const wrapped = new GraphQLError(thrown.message, { originalError: thrown, path: ['someMutation'], extensions });
  const internal: unknown[] = [];
  const formatted = formatGraphqlError(
    { ...wrapped.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR', ...wrapped.extensions, stacktrace: ['at secret.ts:1'] } },
    wrapped,
    (_error, cause) => internal.push(cause),
  );
  return { formatted, internal };
}

describe('formatGraphqlError: the one mapping of thrown errors to the contract', () => {
  it('maps a domain error to its API code and keeps the field', () => {
    const { formatted } = answerTo(new DomainError('INVALID_REQUEST', 'name: 1 to 64 characters', 'name'));
    expect(formatted).toEqual({
      message: 'name: 1 to 64 characters',
      path: ['someMutation'],
      extensions: { code: 'BAD_USER_INPUT', field: 'name' },
    });
  });

  it.each([
    ['ENROLLMENT_ALREADY_BOUND', 'TOTP_ALREADY_BOUND'],
    ['AUTHENTICATOR_LIMIT_REACHED', 'AUTHENTICATOR_LIMIT_REACHED'],
    ['ACCOUNT_NOT_FOUND', 'UNAUTHENTICATED'],
    ['API_KEY_EXISTS', 'CONFLICT'],
    ['VERIFICATION_REQUIRED', 'VERIFICATION_REQUIRED'],
  ] as const)('maps the domain word %s to %s', (domainCode, apiCode) => {
    expect(answerTo(new DomainError(domainCode, 'refused')).formatted.extensions).toEqual({ code: apiCode });
  });

  it('maps a recorded refusal to its code, with lockedUntil for a lock', () => {
    const locked = answerTo(new RefusedError({ code: 'ACCOUNT_LOCKED', lockedUntil: '2026-03-02T09:15:10.000Z' })).formatted;
    expect(locked.extensions).toEqual({ code: 'ACCOUNT_LOCKED', lockedUntil: '2026-03-02T09:15:10.000Z', permanent: false });
    const forGood = answerTo(new RefusedError({ code: 'ACCOUNT_LOCKED', lockedUntil: null })).formatted;
    expect(forGood.extensions).toEqual({ code: 'ACCOUNT_LOCKED', lockedUntil: null, permanent: true });
    expect(answerTo(new RefusedError({ code: 'INVALID_CODE' })).formatted.extensions).toEqual({ code: 'INVALID_CODE' });
  });

  it('answers UNAVAILABLE for an unreachable event store and CONFLICT for a lost race', () => {
    expect(answerTo(new EventStoreUnavailableError('connect ECONNREFUSED 10.0.0.5:2113')).formatted).toMatchObject({
      message: 'the event store cannot be reached; try again shortly',
      extensions: { code: 'UNAVAILABLE' },
    });
    expect(answerTo(new ConcurrencyConflictError('account-1', 6)).formatted.extensions).toEqual({ code: 'CONFLICT' });
  });

  it('maps the access checks and passes an API error through as it is', () => {
    expect(answerTo(new NotAllowedError()).formatted.extensions).toEqual({ code: 'FORBIDDEN' });
    expect(answerTo(apiError('DELIVERY_FAILED', 'the code could not be sent by SMS; try again')).formatted.extensions).toEqual({
      code: 'DELIVERY_FAILED',
    });
  });

  it('turns anything else into a bare INTERNAL_SERVER_ERROR without message or stack, and reports the cause', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'secret')");
    const { formatted, internal } = answerTo(bug);
    expect(formatted).toEqual({ message: 'Internal server error', path: ['someMutation'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(internal).toEqual([bug]);
  });
});
