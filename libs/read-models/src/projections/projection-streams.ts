import { comparePositions, Position } from '@identity/event-store';
import { Projection } from './projection';

/** Whether the event is of the projection's streams (all streams when it names no prefix). */
export function takesStream(projection: Projection, event: { streamId: string }): boolean {
  const prefixes = projection.streamPrefixes;
  return prefixes.length === 0 || prefixes.some((prefix) => event.streamId.startsWith(prefix));
}

/** The union of the projections' streams, for one subscription; undefined (every stream) when one of them takes all. */
export function streamsOf(projections: readonly Projection[]): string[] | undefined {
  if (projections.some((projection) => projection.streamPrefixes.length === 0)) return undefined;
  return [...new Set(projections.flatMap((projection) => projection.streamPrefixes))];
}

/** Checkpoints in order, none (nothing applied yet) first. */
export function compareCheckpoints(a: Position | undefined, b: Position | undefined): number {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  return comparePositions(a, b);
}
