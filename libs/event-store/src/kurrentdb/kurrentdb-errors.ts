import {
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { status as GrpcStatus } from '@grpc/grpc-js';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import { ExpectedRevision } from '../event-store.port';

/** gRPC status codes that mean "the server cannot be reached or did not answer now". */
const UNREACHABLE_CODES: ReadonlySet<number> = new Set([GrpcStatus.UNAVAILABLE, GrpcStatus.CANCELLED, GrpcStatus.DEADLINE_EXCEEDED]);

const CONNECTION_MESSAGE = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|No connection established/i;

/**
 * Whether the client failed because the server is out of reach. The client is not consistent about
 * it (its own error classes, raw grpc-js errors, errors from the read bridge without a code), so the
 * gRPC code is checked first, then the class, then the message of a plain connection error.
 */
export function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'number' && UNREACHABLE_CODES.has(code)) return true;
  if (
    error instanceof UnavailableError ||
    error instanceof CancelledError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError
  ) {
    return true;
  }
  return CONNECTION_MESSAGE.test(error.message);
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError;
}

export function unavailable(operation: string, cause: unknown): EventStoreUnavailableError {
  const reason = cause instanceof Error && cause.message ? `: ${cause.message}` : '';
  return new EventStoreUnavailableError(`KurrentDB is unavailable (${operation})${reason}`, { cause });
}

/** The port's error for an append failure, or the client's error as it is when it has no equivalent. */
export function translateAppendError(error: unknown, streamId: string, expected: ExpectedRevision): unknown {
  if (error instanceof WrongExpectedVersionError) {
    const actual = error.actualState;
    return new WrongExpectedRevisionError(streamId, expected, typeof actual === 'bigint' ? actual : 'no_stream');
  }
  if (isUnreachable(error)) return unavailable(`append to ${streamId}`, error);
  return error;
}

/** The port's error for a read or subscription failure. */
export function translateReadError(error: unknown, operation: string): unknown {
  return isUnreachable(error) ? unavailable(operation, error) : error;
}
