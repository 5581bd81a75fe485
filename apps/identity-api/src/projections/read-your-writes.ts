import type { ApolloServerPlugin } from '@apollo/server';
import { comparePositions, Position } from '@identity/event-store';
import { ProjectionRunner } from '@identity/read-models';
import { RequestContext } from '../auth/principal';
import { latestUnder, OwnWrites } from '../infrastructure/own-writes';
import { waitForProjection } from './projection-progress';

/** The longest a read waits for the read models to show the reader's own writes; then it reads what is there. */
export const READ_YOUR_WRITES_TIMEOUT_MS = 2000;

/**
 * Read-your-writes for a person (docs/api.md): a query by a person's session first waits until
 * every read model has applied what this process appended for that account (its own streams, and
 * what it changed as the actor, such as its RAM users). Without a write pending, the check is a map
 * lookup. The read models' applied positions are followed in memory, from their progress.
 */
export class ReadYourWrites {
  private readonly applied = new Map<ProjectionRunner, Position>();

  constructor(
    private readonly runners: readonly ProjectionRunner[],
    private readonly writes: OwnWrites,
    private readonly timeoutMs = READ_YOUR_WRITES_TIMEOUT_MS,
  ) {
    for (const runner of runners) {
      runner.onProgress((position) => {
        const known = this.applied.get(runner);
        if (!known || comparePositions(position, known) > 0) this.applied.set(runner, position);
      });
    }
  }

  /** Resolves once every read model shows the account's writes from this process (or after the timeout). */
  async settle(accountId: string): Promise<void> {
    const writes = this.writes.of(accountId);
    if (!writes) return;
    const waits: Promise<boolean>[] = [];
    for (const runner of this.runners) {
      const target = latestUnder(writes, runner.projection.streamPrefixes);
      if (!target || runner.damage !== null || this.hasApplied(runner, target)) continue;
      waits.push(waitForProjection(runner, target, this.timeoutMs));
    }
    const reached = await Promise.all(waits);
    if (reached.every(Boolean)) this.writes.forget(accountId, writes);
  }

  private hasApplied(runner: ProjectionRunner, position: Position): boolean {
    const applied = this.applied.get(runner);
    return applied !== undefined && comparePositions(applied, position) >= 0;
  }

  /** Runs `settle` for a person's query before its resolvers (mutations answer from their own state). */
  plugin(): ApolloServerPlugin<RequestContext> {
    // One listener for every request: nothing is allocated per request.
    const listener = {
      didResolveOperation: async ({
        operation,
        contextValue,
      }: {
        operation?: { operation: string } | null;
        contextValue: RequestContext;
      }) => {
        const principal = contextValue.principal;
        if (operation?.operation !== 'query' || principal?.kind !== 'person') return;
        await this.settle(principal.accountId);
      },
    };
    return { requestDidStart: () => Promise.resolve(listener) };
  }
}
