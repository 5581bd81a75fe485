import { BenchRow, RowGroup, rowFromRounds } from '../harness/bench-row';
import { groupCommitFigures } from '../group-commit';

/** Issue 12: group commit against one transaction per append, and the store's path against raw better-sqlite3. */
export const groupCommit: RowGroup = {
  name: 'SQLite appends: group commit, store vs raw better-sqlite3',
  async run({ quick }): Promise<BenchRow[]> {
    const group = await groupCommitFigures(quick ? 160 : 400, quick ? 3 : 5);
    const { samples } = group;
    return [
      rowFromRounds({
        name: 'SQLite appends/s, 16 in flight: group commit vs one transaction each',
        unit: 'appends/s',
        figures: samples.grouped16,
        baselines: samples.ungrouped16,
        goal: { text: '≥ 5×', met: (ratio) => ratio >= 5 },
      }),
      rowFromRounds({
        name: 'SQLite appends/s through the store, 1 in flight, vs raw insert + revision check (FULL)',
        unit: 'appends/s',
        figures: samples.store1,
        baselines: samples.raw1,
        goal: { text: '≥ 0.8×', met: (ratio) => ratio >= 0.8 },
      }),
    ];
  },
};
