import { startBenchApp } from '../harness/bench-app';
import { BenchRow, interleave, RowGroup, rowFromRounds } from '../harness/bench-row';
import { load } from '../harness/http-load';

const PASSWORD = 'lantern orbit mulberry';
const LOGIN = 'mutation ($i: LoginInput!) { login(input: $i) { status session { token } } }';
const CONCURRENT = 4;

/**
 * Issue 12: 4 concurrent logons of ONE account against 4 concurrent logons of 4 accounts, on one
 * server. Every logon appends to the account's stream, so on one account they meet at the append:
 * before the per-account queue (issue 9) they answered ~75 CONFLICT per 10 s and re-ran argon2 on
 * every retry. A CONFLICT (any error) fails the run, so "no CONFLICT" is part of the figure.
 */
export const oneAccountLogons: RowGroup = {
  name: '4 concurrent logons of one account vs of 4 accounts',
  async run({ quick }): Promise<BenchRow[]> {
    const app = await startBenchApp();
    try {
      const names = Array.from({ length: CONCURRENT }, (_, i) => `benchshared${i}`);
      for (const name of names) await app.register(name, PASSWORD);
      const seconds = quick ? 2 : 5;
      const logons = (spread: boolean) => {
        let next = 0;
        return (connection: Record<string, unknown>) => {
          connection.name ??= spread ? names[next++ % CONCURRENT] : names[0];
          return JSON.stringify({ query: LOGIN, variables: { i: { loginName: connection.name, password: PASSWORD } } });
        };
      };
      const { figures, baselines } = await interleave(
        quick ? 2 : 5,
        async () => (await load({ url: app.graphqlUrl, body: logons(false), connections: CONCURRENT, seconds })).rps,
        async () => (await load({ url: app.graphqlUrl, body: logons(true), connections: CONCURRENT, seconds })).rps,
      );
      return [
        rowFromRounds({
          name: `login logons/s, ${CONCURRENT} concurrent on one account (no CONFLICT), vs on ${CONCURRENT} accounts`,
          unit: 'logons/s',
          figures,
          baselines,
          goal: { text: '≥ 0.9×', met: (ratio) => ratio >= 0.9 },
        }),
      ];
    } finally {
      await app.dispose();
    }
  },
};
