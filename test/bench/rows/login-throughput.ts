import { verify } from '@node-rs/argon2';
import { PasswordHasher } from '@identity/security';
import { startBenchApp } from '../harness/bench-app';
import { BenchRow, interleave, RowGroup, rowFromRounds } from '../harness/bench-row';
import { load } from '../harness/http-load';
import { meanMsPerOp } from '../harness/micro';

const PASSWORD = 'lantern orbit mulberry';
const LOGIN = 'mutation ($i: LoginInput!) { login(input: $i) { status session { token expiresAt } } }';

/**
 * Issue 12: `login` (right password, no protection) logons/s at 2, 4 and 8 concurrent (autocannon,
 * one connection and one account per logon in flight, so no two touch one stream), against bare
 * `@node-rs/argon2` verify of a hash made with the service's parameters, as many in flight
 * (tinybench, in this process's thread pool; the app has a pool of the same size).
 */
export const loginThroughput: RowGroup = {
  name: 'login logons/s at 2/4/8 concurrent vs bare argon2 verify',
  async run({ quick }): Promise<BenchRow[]> {
    const app = await startBenchApp();
    try {
      const names = Array.from({ length: 8 }, (_, i) => `benchlogon${i}`);
      for (const name of names) await app.register(name, PASSWORD);
      const hash = await new PasswordHasher().hash(PASSWORD);
      const seconds = quick ? 2 : 5;
      const rows: BenchRow[] = [];
      for (const concurrent of [2, 4, 8]) {
        let next = 0;
        const body = (connection: Record<string, unknown>) => {
          connection.name ??= names[next++ % concurrent];
          return JSON.stringify({ query: LOGIN, variables: { i: { loginName: connection.name, password: PASSWORD } } });
        };
        const { figures, baselines } = await interleave(
          quick ? 2 : 5,
          async () => (await load({ url: app.graphqlUrl, body, connections: concurrent, seconds })).rps,
          async () => {
            const batch = () => Promise.all(Array.from({ length: concurrent }, () => verify(hash, PASSWORD)));
            const { batch: ms } = await meanMsPerOp(seconds * 1000, { batch });
            return (concurrent * 1000) / (ms ?? Number.NaN);
          },
        );
        rows.push(
          rowFromRounds({
            name: `login logons/s, ${concurrent} concurrent, vs bare argon2 verify, ${concurrent} in flight`,
            unit: 'logons/s',
            figures,
            baselines,
            goal: { text: '≥ 0.9×', met: (ratio) => ratio >= 0.9 },
          }),
        );
      }
      return rows;
    } finally {
      await app.dispose();
    }
  },
};
