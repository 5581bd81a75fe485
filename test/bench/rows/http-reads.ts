import { startBareHttp } from '../harness/bare-http';
import { startBenchApp } from '../harness/bench-app';
import { BenchRow, RowGroup, rowFromRounds } from '../harness/bench-row';
import { load } from '../harness/http-load';

const CONNECTIONS = 10;
const TRIVIAL = JSON.stringify({ query: '{ __typename }' });
/** The README's own read of one's state (step 8). */
const ME = JSON.stringify({ query: '{ me { loginName security { protectionEnabled scenes totpBound lockedUntil } } }' });
/** The README's audit page, at 50 rows. */
const AUDIT = JSON.stringify({
  query: '{ auditTrail(first: 50) { edges { node { position type occurredAt ip userAgent data } } pageInfo { hasNextPage endCursor } } }',
});

/**
 * Issue 12: requests/s of the trivial query against bare `node:http`, and of `me { security }` and
 * an `auditTrail(first: 50)` page against the trivial query on the same server (autocannon, 10
 * connections). Each round measures all four, in an order that alternates.
 */
export const httpReads: RowGroup = {
  name: 'HTTP reads: trivial query vs node:http, me { security }, auditTrail(first: 50)',
  async run({ quick }): Promise<BenchRow[]> {
    const app = await startBenchApp();
    const bare = await startBareHttp({ data: { __typename: 'Query' } });
    try {
      await app.register('benchreader', 'lantern orbit mulberry');
      const token = await app.logon('benchreader', 'lantern orbit mulberry');
      await app.failedLogons(56);
      const auditor = { 'x-api-key': app.apiKey('auditor') };
      const seconds = quick ? 2 : 5;
      const rate = async (url: string, body: string, headers: Record<string, string> = {}) =>
        (await load({ url, body, headers, connections: CONNECTIONS, seconds })).rps;
      const sides: Record<string, () => Promise<number>> = {
        bare: () => rate(bare.url, TRIVIAL),
        trivial: () => rate(app.graphqlUrl, TRIVIAL),
        me: () => rate(app.graphqlUrl, ME, { authorization: `Bearer ${token}` }),
        audit: () => rate(app.graphqlUrl, AUDIT, auditor),
      };
      const samples: Record<string, number[]> = { bare: [], trivial: [], me: [], audit: [] };
      for (let round = 0; round < (quick ? 3 : 5); round += 1) {
        const order = round % 2 === 0 ? Object.keys(sides) : Object.keys(sides).reverse();
        for (const side of order) samples[side]?.push(await (sides[side] as () => Promise<number>)());
      }
      const row = (name: string, figure: string, baseline: string, goal: number) =>
        rowFromRounds({
          name,
          unit: 'req/s',
          figures: samples[figure] ?? [],
          baselines: samples[baseline] ?? [],
          goal: { text: `≥ ${goal}×`, met: (ratio) => ratio >= goal },
        });
      return [
        row('trivial query { __typename } vs bare node:http fixed JSON', 'trivial', 'bare', 0.25),
        row('me { security } (README step 8) vs trivial query', 'me', 'trivial', 0.8),
        row('auditTrail(first: 50) page (README fields) vs trivial query', 'audit', 'trivial', 0.5),
      ];
    } finally {
      await bare.stop();
      await app.dispose();
    }
  },
};
