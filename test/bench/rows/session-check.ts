import { startBenchApp } from '../harness/bench-app';
import { BenchRow, RowGroup, interleave, rowFromRounds } from '../harness/bench-row';
import { load } from '../harness/http-load';

/** Issue 10's goal: `me` keeps at least this share of the trivial query's throughput. */
export const SESSION_CHECK_GOAL_RATIO = 0.8;
const CONNECTIONS = 4;
/** Logons before measuring, so the account stream is long and has snapshots, as a used account's has. */
const LOGONS_BEFORE = 60;
const TRIVIAL = JSON.stringify({ query: '{ __typename }' });
const ME = JSON.stringify({ query: '{ me { accountId loginName security { protectionEnabled } } }' });

/**
 * Issue 10: what the per-request session check costs. `me` with a person's token (signature, the
 * session looked up in the account's state: snapshot + read-forward from the store, then the read
 * model) against the trivial `{ __typename }` on the same server; and the trivial query with the
 * token (the check alone) against it without.
 */
export const sessionCheck: RowGroup = {
  name: 'session check: me with a session token, { __typename } with and without it',
  async run({ quick }): Promise<BenchRow[]> {
    const app = await startBenchApp();
    try {
      const password = 'lantern orbit mulberry';
      await app.register('benchsessions', password);
      let token = '';
      for (let i = 0; i < LOGONS_BEFORE; i += 1) token = await app.logon('benchsessions', password);
      const person = { authorization: `Bearer ${token}` };
      const seconds = quick ? 2 : 5;
      const rounds = quick ? 3 : 5;
      const rate = async (body: string, headers: Record<string, string> = {}) =>
        (await load({ url: app.graphqlUrl, body, headers, connections: CONNECTIONS, seconds })).rps;
      const me = await interleave(
        rounds,
        () => rate(ME, person),
        () => rate(TRIVIAL),
      );
      const checked = await interleave(
        rounds,
        () => rate(TRIVIAL, person),
        () => rate(TRIVIAL),
      );
      return [
        rowFromRounds({
          name: 'me with the session check (60 logons on the stream) vs { __typename }',
          unit: 'req/s',
          ...me,
          goal: { text: `≥ ${SESSION_CHECK_GOAL_RATIO}×`, met: (ratio) => ratio >= SESSION_CHECK_GOAL_RATIO },
        }),
        rowFromRounds({ name: '{ __typename } with a session token (the check alone) vs without', unit: 'req/s', ...checked, goal: null }),
      ];
    } finally {
      await app.dispose();
    }
  },
};
