import { AUDIT_HEAP_GOAL_MB, measureAuditHeap } from '../audit-heap';
import { BenchRow, RowGroup } from '../harness/bench-row';

/**
 * Issue 4: `audit verify` and `audit export` stream the store. The goal is an absolute bound (half
 * of what holding 100,000 parsed events takes), so the baseline column holds that bound, not a
 * measurement; --quick uses 20,000 events against the same bound.
 */
export const auditHeap: RowGroup = {
  name: 'audit verify / export live heap (SQLite)',
  async run({ quick }): Promise<BenchRow[]> {
    const audit = await measureAuditHeap(quick ? 400 : 2000);
    const row = (name: string, growthMb: number): BenchRow => {
      const ratio = growthMb / AUDIT_HEAP_GOAL_MB;
      return {
        name: `${name}, ${audit.events.toLocaleString('en')} events, heap growth vs the bound`,
        value: growthMb,
        unit: 'MB',
        baseline: AUDIT_HEAP_GOAL_MB,
        ratio,
        spread: [ratio, ratio],
        goal: `< ${AUDIT_HEAP_GOAL_MB} MB`,
        met: growthMb < AUDIT_HEAP_GOAL_MB,
      };
    };
    return [
      row(`audit verify (${audit.verifyOk ? 'OK' : 'FAILED'}, ${audit.verifySeconds.toFixed(1)} s)`, audit.verifyHeapGrowthMb),
      row(`audit export (${audit.exported} lines, ${audit.exportSeconds.toFixed(1)} s)`, audit.exportHeapGrowthMb),
    ];
  },
};
