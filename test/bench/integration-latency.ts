import { randomUUID } from 'node:crypto';
import { accountStream } from '@identity/domain';
import { EventStore } from '@identity/event-store';
import { IntegrationEventStream } from '../../apps/identity-api/src/integration/integration-event-stream';

/**
 * Issue 5's "within a second": the time from the start of an append of `AccountLocked` to the moment
 * its `identity.account.locked.v1` comes out of the integration event stream that subscriptions and
 * webhooks read, live, on an empty store. Median and worst of `runs`, in ms.
 */
export async function integrationEventLatency(store: EventStore, runs: number): Promise<{ medianMs: number; worstMs: number }> {
  const stream = new IntegrationEventStream(store, {}, { warn: () => undefined });
  const samples: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const at = new Date().toISOString();
      const start = process.hrtime.bigint();
      const delivered = stream.next();
      await store.appendToStream(
        accountStream(randomUUID()),
        [
          {
            id: randomUUID(),
            type: 'AccountLocked',
            data: { lockedUntil: at, consecutiveFailures: 5, at },
            metadata: { correlationId: 'bench', causationId: null, actor: null, ip: null, userAgent: null },
          },
        ],
        'no_stream',
      );
      const result = await delivered;
      if (result.done || result.value.events[0]?.type !== 'identity.account.locked.v1') throw new Error('no integration event came out');
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  } finally {
    await stream.return();
  }
  samples.sort((a, b) => a - b);
  const [medianMs, worstMs] = [samples[Math.floor(samples.length / 2)], samples.at(-1)];
  if (medianMs === undefined || worstMs === undefined) throw new Error('no latency samples');
  return { medianMs, worstMs };
}
