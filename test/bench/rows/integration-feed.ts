import { join } from 'node:path';
import { SqliteEventStore } from '@identity/event-store';
import { BenchRow, RowGroup } from '../harness/bench-row';
import { integrationEventLatency } from '../integration-latency';

/** Issue 5: append → integration event out of the live feed, worst case beside the median of the same samples. */
export const integrationFeed: RowGroup = {
  name: 'integration feed latency (append -> event out, SQLite)',
  async run({ quick, dir }): Promise<BenchRow[]> {
    const store = new SqliteEventStore({ filePath: join(dir, 'feed.db') });
    const feed = await integrationEventLatency(store, quick ? 50 : 200).finally(() => store.close());
    const ratio = feed.worstMs / feed.medianMs;
    return [
      {
        name: 'append -> integration event out of the feed, worst vs median',
        value: feed.worstMs,
        unit: 'ms',
        baseline: feed.medianMs,
        ratio,
        spread: [ratio, ratio],
        goal: '< 1000 ms worst',
        met: feed.worstMs < 1000,
      },
    ];
  },
};
