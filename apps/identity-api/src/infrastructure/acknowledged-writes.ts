import { AsyncLocalStorage } from 'node:async_hooks';
import { Position, positionToString } from '@identity/event-store';

/** Events one command appended: the store acknowledged them, so they stand whatever the answer says. */
export interface AcknowledgedWrite {
  readonly streamId: string;
  readonly eventIds: readonly string[];
  /** The `$all` position of the last of them (as `positionToString` writes it). */
  readonly position: string;
}

const writesOfThisMutation = new AsyncLocalStorage<AcknowledgedWrite[]>();

/**
 * Runs `work` (one mutation field) with a list that collects the writes the command runners record
 * while it runs, so that an error after them can say they happened (graphql/write-acknowledged.ts).
 */
export function collectAcknowledgedWrites<T>(writes: AcknowledgedWrite[], work: () => T): T {
  return writesOfThisMutation.run(writes, work);
}

/**
 * Called by a command runner right after the store acknowledged an append (nothing appended: nothing
 * recorded). Outside a mutation (the delivery worker, the CLI) there is no list and this does nothing.
 */
export function recordAcknowledgedWrite(streamId: string, eventIds: readonly string[], position: Position | null): void {
  if (eventIds.length === 0 || position === null) return;
  writesOfThisMutation.getStore()?.push({ streamId, eventIds: [...eventIds], position: positionToString(position) });
}
