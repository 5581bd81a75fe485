import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import { ExpectedRevision } from '../event-store.port';
import { SqliteEventStatements } from './sqlite-event-statements';
import { sqliteErrorCode, writeFailureReason, WriteFailureTracker } from './sqlite-write-failure';

/**
 * What a failed append answers, in the store's errors: a revision written first by another process is
 * a wrong expected revision; a lock held too long is the store being unavailable; a write the file
 * system refused (full, read-only, I/O) is unavailable too, and is remembered so that health says so.
 * Anything else is answered as it was thrown.
 */
export function appendRefusal(
  error: unknown,
  append: { streamId: string; expected: ExpectedRevision },
  statements: SqliteEventStatements,
  writeFailure: WriteFailureTracker,
): unknown {
  const code = sqliteErrorCode(error);
  if (code === null) return error;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' && (error as Error).message.includes('events.stream_id, events.revision')) {
    // Another process wrote this revision first (only reachable if the lock was bypassed).
    const actual = statements.lastRevision(append.streamId) ?? 'no_stream';
    return new WrongExpectedRevisionError(append.streamId, append.expected, actual);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new EventStoreUnavailableError('the event database is busy (another writer holds the lock)', { cause: error });
  }
  const reason = writeFailureReason(error);
  if (reason) {
    writeFailure.failed(reason);
    return new EventStoreUnavailableError(`the event database cannot be written (${reason}); nothing was appended`, { cause: error });
  }
  return error;
}
