import { WrongExpectedRevisionError } from './errors';
import { ExpectedRevision } from './event-store.port';

/**
 * Throws `WrongExpectedRevisionError` unless the stream's current last revision (`undefined` when
 * the stream does not exist) satisfies `expected`.
 */
export function assertExpectedRevision(streamId: string, expected: ExpectedRevision, current: bigint | undefined): void {
  const holds = expected === 'any' || (expected === 'no_stream' ? current === undefined : current !== undefined && current === expected);
  if (!holds) throw new WrongExpectedRevisionError(streamId, expected, current ?? 'no_stream');
}

/** Appending nothing has no position to report; every adapter rejects it the same way. */
export function assertSomethingToAppend(streamId: string, count: number): void {
  if (count === 0) throw new RangeError(`stream ${streamId}: an append needs at least one event`);
}
