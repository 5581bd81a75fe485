import Database from 'better-sqlite3';
import { AppendResult, ExpectedRevision } from '../event-store.port';
import { WrongExpectedRevisionError } from '../errors';
import { GroupOutcome, PendingAppend } from './sqlite-event-statements';
import { sqliteErrorCode } from './sqlite-write-failure';

/** One group for the writer thread; `reopen`: replace the connection first (the file is writable again). */
export interface GroupRequest {
  readonly id: number;
  readonly group: readonly PendingAppend[];
  readonly reopen: boolean;
}

/** An error as it crosses the thread boundary (structured clone keeps neither class nor `code`). */
export type WireError =
  | { kind: 'revision'; streamId: string; expected: ExpectedRevision; actual: bigint | 'no_stream' }
  | { kind: 'sqlite'; message: string; code: string }
  | { kind: 'other'; message: string };

export type WireOutcome = { ok: true; result: AppendResult } | { ok: false; error: WireError };

/** The writer's answer: each append's outcome, or the error that failed the whole group. */
export type GroupReply = { id: number; outcomes: WireOutcome[] } | { id: number; error: WireError };

export function toWire(error: unknown): WireError {
  if (error instanceof WrongExpectedRevisionError)
    return { kind: 'revision', streamId: error.streamId, expected: error.expected, actual: error.actual };
  const code = sqliteErrorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return code === null ? { kind: 'other', message } : { kind: 'sqlite', message, code };
}

/** The error again, of the class the store's error translation recognises. */
export function fromWire(error: WireError): Error {
  if (error.kind === 'revision') return new WrongExpectedRevisionError(error.streamId, error.expected, error.actual);
  if (error.kind === 'sqlite') return new Database.SqliteError(error.message, error.code);
  return new Error(error.message);
}

export function outcomesToWire(outcomes: readonly GroupOutcome[]): WireOutcome[] {
  return outcomes.map((outcome) => (outcome.ok ? outcome : { ok: false, error: toWire(outcome.error) }));
}

export function outcomesFromWire(outcomes: readonly WireOutcome[]): GroupOutcome[] {
  return outcomes.map((outcome) => (outcome.ok ? outcome : { ok: false, error: fromWire(outcome.error) }));
}
