/**
 * One bench row, issue 12's shape: a figure beside its baseline measured in the same run, their
 * ratio (the median of the rounds' ratios), the goal and whether it is met. A row without a goal
 * (an informative ratio) has `goal` and `met` null; a row whose goal is an absolute figure (a
 * latency bound) still carries the baseline it was measured beside.
 */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  /** Min and max of the per-round ratios. */
  spread: [number, number];
  goal: string | null;
  met: boolean | null;
}

/** What every row group is given. */
export interface BenchContext {
  /** `--quick`: small sizes, the whole bench in under five minutes. */
  quick: boolean;
  /** A fresh directory for the group's files, removed afterwards. */
  dir: string;
  /** Progress and details on standard error; the table and JSON are written by the runner. */
  log: (line: string) => void;
}

/**
 * A group of rows measured together (they share a store, an app or a seed). `--only=<substring>`
 * runs the groups whose `name` contains it (case-insensitive), so a name lists what its rows measure.
 */
export interface RowGroup {
  name: string;
  run(context: BenchContext): Promise<BenchRow[]>;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const [lower, upper] = [sorted[middle - 1], sorted[middle]];
  if (upper === undefined) throw new Error('median of no values');
  return sorted.length % 2 === 1 || lower === undefined ? upper : (lower + upper) / 2;
}

export interface RowSpec {
  name: string;
  unit: string;
  /** Per round: the figure and its baseline, measured interleaved. */
  figures: readonly number[];
  baselines: readonly number[];
  /** The goal as printed, and how the median ratio (and the figure) meet it; null for no goal. */
  goal: { text: string; met: (ratio: number, value: number) => boolean } | null;
}

/** A row from interleaved rounds: the medians of figure and baseline, and the median and spread of the ratios. */
export function rowFromRounds(spec: RowSpec): BenchRow {
  const ratios = spec.figures.map((figure, i) => figure / (spec.baselines[i] ?? Number.NaN));
  const ratio = median(ratios);
  const value = median(spec.figures);
  return {
    name: spec.name,
    value,
    unit: spec.unit,
    baseline: median(spec.baselines),
    ratio,
    spread: [Math.min(...ratios), Math.max(...ratios)],
    goal: spec.goal?.text ?? null,
    met: spec.goal ? spec.goal.met(ratio, value) : null,
  };
}

/**
 * `rounds` rounds of figure and baseline, alternating which goes first, so that both meet the same
 * load of a shared machine. Each call returns one sample (a rate, a latency…).
 */
export async function interleave(
  rounds: number,
  figure: () => Promise<number>,
  baseline: () => Promise<number>,
): Promise<{ figures: number[]; baselines: number[] }> {
  const figures: number[] = [];
  const baselines: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    if (round % 2 === 0) {
      figures.push(await figure());
      baselines.push(await baseline());
    } else {
      baselines.push(await baseline());
      figures.push(await figure());
    }
  }
  return { figures, baselines };
}
