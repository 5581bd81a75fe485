import { RowGroup } from './harness/bench-row';
import { auditDigest } from './rows/audit-digest';
import { auditHeap } from './rows/audit-heap';
import { commandCost } from './rows/command-cost';
import { completeLogin } from './rows/complete-login';
import { groupCommit } from './rows/group-commit';
import { heavyRequest } from './rows/heavy-request';
import { httpReads } from './rows/http-reads';
import { inProcessCosts } from './rows/in-process-costs';
import { integrationFeed } from './rows/integration-feed';
import { memoryAndStart } from './rows/memory-and-start';
import { loginThroughput } from './rows/login-throughput';
import { oneAccountLogons } from './rows/one-account-logons';
import { projectionLag } from './rows/projection-lag';
import { rebuildOnline } from './rows/rebuild-online';
import { replay } from './rows/replay';
import { sessionCheck } from './rows/session-check';

/**
 * Every row group of `npm run bench`, in the order they run. To add a row: one file under rows/
 * exporting a `RowGroup`, and one line here (docs/benchmarks.md).
 */
export const ROW_GROUPS: readonly RowGroup[] = [
  inProcessCosts,
  integrationFeed,
  groupCommit,
  commandCost,
  httpReads,
  sessionCheck,
  completeLogin,
  loginThroughput,
  oneAccountLogons,
  projectionLag,
  heavyRequest,
  auditHeap,
  auditDigest,
  replay,
  rebuildOnline,
  memoryAndStart,
];
