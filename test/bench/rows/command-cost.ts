import { join } from 'node:path';
import { CachedSnapshotStore, EventStore, SqliteEventStore, SqliteSnapshotStore } from '@identity/event-store';
import { KurrentDbEventStore } from '@identity/event-store/kurrentdb';
import { accountDecider, DEFAULT_SECURITY_POLICY } from '@identity/domain';
import { BenchRow, RowGroup } from '../harness/bench-row';
import { commandCostRow, CommandCostOptions } from '../command-cost';
import { startTestServerProcess } from '../kurrentdb-test-server-process';

type Sizes = Pick<CommandCostOptions, 'longHistory' | 'shortHistory' | 'rounds' | 'commandsPerRound'>;

const decider = accountDecider({ ...DEFAULT_SECURITY_POLICY, lockoutThreshold: 1_000_000 });

/**
 * Issue 8: the command-cost row on the embedded SQLite store and on the KurrentDB wire-level test
 * server, each with the service's snapshot cache (a SQLite file behind an LRU), as the app runs
 * them. The test server runs in a child process, like a real server.
 */
export const commandCost: RowGroup = {
  name: 'command cost against history (SQLite, KurrentDB test server)',
  run: ({ dir, quick, log }) => commandCostRows(dir, quick, log),
};

async function commandCostRows(dir: string, quick: boolean, print: (line: string) => void): Promise<BenchRow[]> {
  const sizes: Sizes = quick
    ? { longHistory: 10_000, shortHistory: 10, rounds: 7, commandsPerRound: 15 }
    : { longHistory: 100_000, shortHistory: 10, rounds: 15, commandsPerRound: 30 };
  const rows: BenchRow[] = [];
  const sqlite = new SqliteEventStore({ filePath: join(dir, 'command-cost.db') });
  rows.push(await measure(sqlite, join(dir, 'snapshots-sqlite.db'), 'SQLite', decider, sizes, print).finally(() => sqlite.close()));
  const server = await startTestServerProcess();
  const kurrent = new KurrentDbEventStore({ connectionString: server.connectionString });
  try {
    rows.push(await measure(kurrent, join(dir, 'snapshots-kurrentdb.db'), 'KurrentDB test server', decider, sizes, print));
  } finally {
    await kurrent.close();
    await server.stop();
  }
  return rows;
}

async function measure(
  store: EventStore,
  snapshotFile: string,
  storeName: string,
  decider: CommandCostOptions['decider'],
  sizes: Sizes,
  print: (line: string) => void,
): Promise<BenchRow> {
  const snapshots = new CachedSnapshotStore(new SqliteSnapshotStore({ filePath: snapshotFile }));
  try {
    const { row, coldFoldMs, cpuMsPerCommand: cpu } = await commandCostRow({ store, snapshots, decider, storeName, ...sizes });
    print(`  ${row.name}`);
    print(`    CPU of this process per command: ${cpu.figure.toFixed(3)} ms vs ${cpu.baseline.toFixed(3)} ms`);
    print(`    first command after losing the snapshot (full fold, saves a new one): ${coldFoldMs.toFixed(1)} ms`);
    return row;
  } finally {
    await snapshots.close();
  }
}
