import type { AllStreamResolvedEvent, AllStreamSubscription, Position, ResolvedEvent, StreamSubscription } from '@kurrent/kurrentdb-client';

/** One thing a subscription told its reader, in arrival order. */
export type ProbeEntry =
  | { readonly kind: 'event'; readonly streamId: string; readonly type: string; readonly revision: bigint; readonly position?: Position }
  | { readonly kind: 'caughtUp'; readonly revision?: bigint; readonly position?: Position }
  | { readonly kind: 'checkpoint'; readonly position: Position }
  | { readonly kind: 'error'; readonly error: Error }
  | { readonly kind: 'end' };

/**
 * Records what a real client subscription emits (events, `caughtUp`, checkpoints, error, end)
 * so specs can wait for a state and then assert on the whole sequence.
 */
export class SubscriptionProbe {
  readonly entries: ProbeEntry[] = [];
  private readonly waiters = new Set<() => void>();

  /** Pass as a filter's `checkpointReached` before subscribing. */
  readonly checkpointReached = (_subscription: unknown, position: Position): void => {
    this.record({ kind: 'checkpoint', position });
  };

  attach(subscription: AllStreamSubscription | StreamSubscription): this {
    subscription.on('data', (resolved: ResolvedEvent | AllStreamResolvedEvent) => {
      const event = resolved.event;
      if (!event) return;
      this.record({ kind: 'event', streamId: event.streamId, type: event.type, revision: event.revision, position: event.position });
    });
    subscription.on('caughtUp', (info) => this.record({ kind: 'caughtUp', revision: info.revision, position: info.position }));
    subscription.on('error', (error) => this.record({ kind: 'error', error }));
    subscription.on('end', () => this.record({ kind: 'end' }));
    return this;
  }

  events(): Array<ProbeEntry & { kind: 'event' }> {
    return this.entries.filter((entry): entry is ProbeEntry & { kind: 'event' } => entry.kind === 'event');
  }

  /** Resolves once `condition` holds for the entries so far (the spec's timeout bounds the wait). */
  until(condition: (entries: readonly ProbeEntry[]) => boolean): Promise<void> {
    if (condition(this.entries)) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (!condition(this.entries)) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  private record(entry: ProbeEntry): void {
    this.entries.push(entry);
    for (const waiter of [...this.waiters]) waiter();
  }
}

export const has =
  (kind: ProbeEntry['kind'], count = 1) =>
  (entries: readonly ProbeEntry[]): boolean =>
    entries.filter((entry) => entry.kind === kind).length >= count;
