/**
 * The audit commands over 1,000,000 events (docs/audit.md): generates 20,000 account streams of 50
 * chained events into a fresh SQLite DATA_DIR, builds the read models, writes a digest, then runs
 * `audit verify` and `audit export` as the operator would (the built CLI, export piped to a reader
 * that only counts) and prints the wall time and peak RSS of each. Asserts nothing but exit codes.
 *   npm run build && node dist/test/bench/audit-1m.js [events=1000000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@identity/event-store';
import { generateChainedAccountEvents } from './chained-account-events';
import { CliRun, runCli } from './harness/cli-run';

const EVENTS_PER_ACCOUNT = 50;
const print = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const events = Number(process.argv[2] ?? 1_000_000);
  const accounts = Math.ceil(events / EVENTS_PER_ACCOUNT);
  const dataDir = mkdtempSync(join(tmpdir(), 'audit-bench-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, EVENT_STORE: 'sqlite' };
  delete env.AUDIT_SIGNING_KEY;
  try {
    print(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB`);
    let started = Date.now();
    const store = new SqliteEventStore({ filePath: join(dataDir, 'events.db') });
    const generated = await generateChainedAccountEvents(store, {
      accounts,
      eventsPerAccount: EVENTS_PER_ACCOUNT,
      appendSize: 25,
      onProgress: (n) => {
        if (n % 100_000 === 0) process.stderr.write(`generated ${n}\n`);
      },
    });
    await store.close();
    print(`generated ${generated.events} events in ${generated.streams} streams: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    started = Date.now();
    const rebuilt = await runCli(['projections', 'rebuild'], env);
    print(`projections rebuild: ${rebuilt.seconds.toFixed(1)} s, exit ${rebuilt.exitCode}`);
    const runs: [string, CliRun][] = [];
    for (const args of [
      ['audit', 'digest'],
      ['audit', 'verify'],
      ['audit', 'export'],
    ]) {
      const run = await runCli(args, env);
      runs.push([args.join(' '), run]);
      if (run.exitCode !== 0) throw new Error(`${args.join(' ')} exited ${run.exitCode}`);
    }
    print('\n| command | events | wall time | peak RSS | output |\n| --- | --- | --- | --- | --- |');
    for (const [command, run] of runs) {
      const output =
        command === 'audit export' ? `${run.stdoutLines} lines, ${(run.stdoutBytes / 2 ** 20).toFixed(0)} MiB` : run.lastLine.slice(0, 60);
      print(`| \`${command}\` | ${generated.events} | ${run.seconds.toFixed(1)} s | ${run.peakRssMb.toFixed(0)} MiB | ${output} |`);
    }
    const second = runs[1];
    if (!second) throw new Error('the second command did not run');
    print(`\n${second[1].lastLine}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
