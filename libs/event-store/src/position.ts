import { Position } from './event-store.port';

/** Orders positions as `$all` does: by commit position, then by prepare position. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export function isAfter(a: Position, b: Position | undefined): boolean {
  return b === undefined || comparePositions(a, b) > 0;
}

/**
 * The text form used outside the process (checkpoints, GraphQL, exports): the decimal commit
 * position, then `:` and the prepare position only when it differs. Exact for any bigint.
 */
export function positionToString(p: Position): string {
  return p.commit === p.prepare ? p.commit.toString() : `${p.commit}:${p.prepare}`;
}

export function positionFromString(text: string): Position {
  const match = /^(\d{1,20})(?::(\d{1,20}))?$/.exec(text);
  const [, commitText, prepareText] = match ?? [];
  if (commitText === undefined) throw new RangeError(`not a position: ${JSON.stringify(text.slice(0, 40))}`);
  const commit = BigInt(commitText);
  return { commit, prepare: prepareText === undefined ? commit : BigInt(prepareText) };
}

export function singlePosition(value: bigint): Position {
  return { commit: value, prepare: value };
}

/**
 * For adapters whose positions are a single sequence (commit = prepare): the greatest sequence
 * value that is NOT after `after`, so that "events after `after`" is exactly "sequence > result".
 * `undefined` (from the start) and `START` give -1n.
 */
export function lastSequenceNotAfter(after: Position | undefined): bigint {
  if (after === undefined) return -1n;
  // (s, s) > (c, p)  <=>  s > c  or  (s = c and c > p)
  return after.commit > after.prepare ? after.commit - 1n : after.commit;
}
