import { startBenchApp } from '../harness/bench-app';
import { BenchRow, interleave, RowGroup, rowFromRounds } from '../harness/bench-row';
import { seedHeavyRequest, trivialP99 } from '../latency-under-heavy-request';

/** Issue 9: no request stalls the others. Trivial query p99 with the heaviest allowed request running vs without. */
export const heavyRequest: RowGroup = {
  name: 'trivial query p99 while the heaviest allowed request runs',
  async run({ quick, log }): Promise<BenchRow[]> {
    const app = await startBenchApp();
    try {
      const heavy = await seedHeavyRequest(app, quick ? 120 : 600);
      const seconds = quick ? 3 : 5;
      const heavyRuns: number[] = [];
      const { figures, baselines } = await interleave(
        quick ? 3 : 5,
        async () => {
          const result = await trivialP99(app, seconds, heavy);
          heavyRuns.push(result.heavyRuns);
          return result.p99Ms;
        },
        async () => (await trivialP99(app, seconds, null)).p99Ms,
      );
      log(`  heavy requests per round: ${heavyRuns.join(', ')} in ${seconds} s`);
      return [
        rowFromRounds({
          name: 'trivial query p99, heaviest allowed request running vs idle server',
          unit: 'ms',
          figures,
          baselines,
          goal: { text: '< 50 ms p99', met: (_ratio, value) => value < 50 },
        }),
      ];
    } finally {
      await app.dispose();
    }
  },
};
