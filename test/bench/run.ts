/**
 * `npm run bench`: every figure of issues 8, 9 and 12 beside its baseline, measured in the same run
 * (interleaved rounds, median ratio and spread), with its goal and met/MISSED. Asserts nothing.
 *   npm run bench -- [--quick] [--json | --json=PATH] [--only=SUBSTRING]
 * The rows are the groups listed in rows.ts (docs/benchmarks.md: how to add one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from './harness/args';
import { BenchRow } from './harness/bench-row';
import { json, table, writeJson } from './harness/report';
import { ROW_GROUPS } from './rows';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const groups = ROW_GROUPS.filter((group) => args.only === null || group.name.toLowerCase().includes(args.only));
  if (groups.length === 0) throw new Error(`no row group matches --only=${args.only}: ${ROW_GROUPS.map((g) => g.name).join(', ')}`);
  log(`node ${process.version}${args.quick ? ', --quick' : ''}: ${groups.map((g) => g.name).join(', ')}`);
  const rows: BenchRow[] = [];
  const started = Date.now();
  for (const group of groups) {
    const dir = mkdtempSync(join(tmpdir(), 'identity-bench-'));
    const groupStart = Date.now();
    log(`\n${group.name}…`);
    try {
      const measured = await group.run({ quick: args.quick, dir, log });
      rows.push(...measured);
      log(`${table(measured)}\n(${((Date.now() - groupStart) / 1000).toFixed(0)} s)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  log(`\nall rows in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (args.json === '-') {
    process.stderr.write(`${table(rows)}\n`);
    process.stdout.write(`${json(rows)}\n`);
  } else {
    process.stdout.write(`${table(rows)}\n`);
    if (args.json !== null) writeJson(rows, args.json);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
