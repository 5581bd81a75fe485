import { startBenchApp } from '../harness/bench-app';
import { BenchRow, interleave, RowGroup, rowFromRounds } from '../harness/bench-row';
import { load } from '../harness/http-load';
import { PendingChallenge, seedPendingChallenges } from '../harness/pending-challenges';

const CONNECTIONS = 32;
const TRIVIAL = JSON.stringify({ query: '{ __typename }' });
/** The README's step 7, second half. */
const COMPLETE_LOGIN = 'mutation ($i: CompleteLoginInput!) { completeLogin(input: $i) { status session { token } } }';
const GOAL = 0.4;
const P99_GOAL_MS = 25;

/**
 * Issue 12: `completeLogin` (a live TOTP challenge, the authenticator's current code: SUCCEEDED
 * with a session) requests/s at 32 connections, against the trivial query on the same server; and
 * its p99. Every request spends a challenge of an account of its own (a code is accepted once per
 * time step), so the accounts are seeded before the app starts (harness/pending-challenges.ts) and
 * each round sends a fixed number of requests; any refusal fails the run.
 */
export const completeLogin: RowGroup = {
  name: 'completeLogin rps and p99 at 32 connections vs { __typename }',
  async run({ quick, dir, log }): Promise<BenchRow[]> {
    const rounds = quick ? 3 : 5;
    const perRound = quick ? 1_500 : 5_000;
    const started = Date.now();
    const seeded = await seedPendingChallenges(dir, rounds * perRound);
    log(`  seeded ${seeded.challenges.length} accounts with a live TOTP challenge in ${Date.now() - started} ms`);
    const app = await startBenchApp({ IDENTITY_MASTER_KEY: seeded.masterKey }, seeded.files);
    try {
      await app.projectionsSettled();
      const pending = seeded.challenges;
      let next = 0;
      const body = () => {
        const challenge: PendingChallenge | undefined = pending[next++];
        if (!challenge) throw new Error('completeLogin: out of seeded challenges');
        return JSON.stringify({ query: COMPLETE_LOGIN, variables: { i: { challengeId: challenge.challengeId, code: challenge.code() } } });
      };
      const seconds = quick ? 2 : 5;
      const p99s: number[] = [];
      const trivialP99s: number[] = [];
      const { figures, baselines } = await interleave(
        rounds,
        async () => {
          const result = await load({ url: app.graphqlUrl, body, connections: CONNECTIONS, seconds: 60, amount: perRound });
          p99s.push(result.p99Ms);
          return result.rps;
        },
        async () => {
          const result = await load({ url: app.graphqlUrl, body: TRIVIAL, connections: CONNECTIONS, seconds });
          trivialP99s.push(result.p99Ms);
          return result.rps;
        },
      );
      log(`  completeLogin p99 per round: ${p99s.join(', ')} ms; trivial query p99: ${trivialP99s.join(', ')} ms`);
      return [
        rowFromRounds({
          name: `completeLogin (TOTP) rps, ${CONNECTIONS} connections, vs { __typename } on the same server`,
          unit: 'req/s',
          figures,
          baselines,
          goal: { text: `≥ ${GOAL}×`, met: (ratio) => ratio >= GOAL },
        }),
        rowFromRounds({
          name: `completeLogin p99, ${CONNECTIONS} connections, vs the trivial query's p99`,
          unit: 'ms',
          figures: p99s,
          baselines: trivialP99s,
          goal: { text: `< ${P99_GOAL_MS} ms p99`, met: (_ratio, value) => value < P99_GOAL_MS },
        }),
      ];
    } finally {
      await app.dispose();
    }
  },
};
