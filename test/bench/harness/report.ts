import { writeFileSync } from 'node:fs';
import { BenchRow } from './bench-row';

const fixed = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(2) : n.toFixed(3));

/** The table: figure, baseline, median ratio with its spread, goal, met/MISSED. */
export function table(rows: readonly BenchRow[]): string {
  const lines = ['| row | figure | baseline (same run) | ratio (spread) | goal | met |', '| --- | --- | --- | --- | --- | --- |'];
  for (const row of rows) {
    const [low, high] = row.spread;
    const met = row.met === null ? '–' : row.met ? 'met' : 'MISSED';
    lines.push(
      `| ${row.name} | ${fixed(row.value)} ${row.unit} | ${fixed(row.baseline)} ${row.unit} | ` +
        `${row.ratio.toFixed(2)}× (${low.toFixed(2)}–${high.toFixed(2)}) | ${row.goal ?? '–'} | ${met} |`,
    );
  }
  return lines.join('\n');
}

/** `--json`: the rows as a JSON array of `{ name, value, unit, baseline, ratio, goal, met }` (plus `spread`). */
export function json(rows: readonly BenchRow[]): string {
  return JSON.stringify(
    rows.map(({ name, value, unit, baseline, ratio, goal, met, spread }) => ({ name, value, unit, baseline, ratio, goal, met, spread })),
    null,
    2,
  );
}

export function writeJson(rows: readonly BenchRow[], path: string): void {
  writeFileSync(path, `${json(rows)}\n`);
}
