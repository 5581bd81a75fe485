import { Bench } from 'tinybench';

/**
 * Times in-process operations with tinybench: each task for `ms` milliseconds and at least
 * `minRuns` runs (after tinybench's own warm-up), one task after the other. Answers the mean
 * milliseconds per operation, by name.
 */
export async function meanMsPerOp(ms: number, tasks: Record<string, () => unknown>, minRuns = 8): Promise<Record<string, number>> {
  const bench = new Bench({ time: ms, iterations: minRuns, warmupTime: Math.min(100, ms / 4), warmupIterations: 2, throws: true });
  for (const [name, fn] of Object.entries(tasks)) bench.add(name, fn);
  await bench.run();
  const means: Record<string, number> = {};
  for (const task of bench.tasks) {
    const result = task.result;
    if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
    means[task.name] = result.latency.mean;
  }
  return means;
}
