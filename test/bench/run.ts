/**
 * `npm run bench`: the costs that shape the service's speed, measured in one run so they can be
 * compared as ratios on a shared, noisy machine. Prints a table; asserts nothing.
 *   node dist/test/bench/run.js [iterations]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { accountDecider, accountStream, DEFAULT_SECURITY_POLICY } from '@identity/domain';
import { computeEventHash, EventStore, handleCommand, RecordedEvent, InMemoryEventStore, SqliteEventStore } from '@identity/event-store';
import { CodeHasher, matchTotpStep, PasswordHasher, totpCodeAt, generateTotpSecret } from '@identity/security';
import { groupCommitFigures } from './group-commit';
import { registerCommand } from './register-command';
import { AUDIT_HEAP_GOAL_MB, measureAuditHeap } from './audit-heap';
import { goalRow } from './goal-row';
import { integrationEventLatency } from './integration-latency';
import { printCommandCostRows } from './command-cost-rows';
import { latencyUnderHeavyRequest } from './latency-under-heavy-request';
import { printSessionCheckRow } from './session-check';

/** The bench's output is its table on standard output. */
function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

const iterations = Number(process.argv[2] ?? 300);
const decider = accountDecider({ ...DEFAULT_SECURITY_POLICY, lockoutThreshold: 1_000_000 });
const context = { correlationId: 'bench', causationId: null, actor: null, ip: null, userAgent: null };

async function time(label: string, runs: number, body: (i: number) => Promise<unknown> | unknown): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await body(i);
  const perOpMs = Number(process.hrtime.bigint() - start) / 1e6 / runs;
  print(`${label.padEnd(58)} ${perOpMs.toFixed(3).padStart(9)} ms/op  (${runs} runs)`);
  return perOpMs;
}

/** A wrong password on an account that has `history` failures already: read, fold, decide, append. */
async function failedLogins(store: EventStore, label: string): Promise<number> {
  const accountId = randomUUID();
  await handleCommand(store, accountStream(accountId), decider, () => registerCommand(accountId, 'bench'), context);
  return time(label, iterations, () =>
    handleCommand(
      store,
      accountStream(accountId),
      decider,
      () => ({
        type: 'Login' as const,
        now: new Date().toISOString(),
        passwordValid: false,
        sessionId: 's',
        challengeId: 'c',
        challengeCodeHash: null,
      }),
      context,
    ),
  );
}

async function firstEvent(store: EventStore): Promise<RecordedEvent> {
  for await (const event of store.readAll({ maxCount: 1 })) return event;
  throw new Error('the store is empty');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'identity-bench-'));
  const sqlite = new SqliteEventStore({ filePath: join(dir, 'events.db') });
  const memory = new InMemoryEventStore();
  try {
    print(`node ${process.version}, ${iterations} iterations\n`);
    const inMemory = await failedLogins(memory, 'handleCommand, in-memory store (stream grows to N events)');
    const onSqlite = await failedLogins(sqlite, 'handleCommand, SQLite store, synchronous=FULL (same)');
    const passwords = new PasswordHasher();
    const hash = await passwords.hash('correct horse battery staple');
    const argon = await time('argon2id verify (19 MiB, t=2, p=1)', Math.min(iterations, 30), () => passwords.verify(hash, 'wrong'));
    const codes = new CodeHasher(Buffer.alloc(32, 7));
    const hmac = await time('verification code hash (HMAC-SHA256)', iterations * 10, (i) => codes.hash('v', String(i).padStart(6, '0')));
    const secret = generateTotpSecret();
    const totp = await time('TOTP step match (3 steps, constant time)', iterations * 10, () =>
      matchTotpStep({ secret, code: totpCodeAt(secret, new Date()), at: new Date() }),
    );
    const stored = await firstEvent(memory);
    const chain = await time('audit chain hash of one event (canonical JSON + SHA-256)', iterations * 10, () => computeEventHash(stored));
    const feedStore = new SqliteEventStore({ filePath: join(dir, 'feed.db') });
    const feed = await integrationEventLatency(feedStore, Math.min(iterations, 100)).finally(() => feedStore.close());
    print(
      `${'append -> integration event out of the feed (SQLite, live)'.padEnd(58)} ${feed.medianMs.toFixed(3).padStart(9)} ms median, ${feed.worstMs.toFixed(3)} ms worst`,
    );
    const group = await groupCommitFigures(Math.max(160, iterations));
    const groupRatios = group.rounds.map((r) => r.grouped.toFixed(1)).join(', ');
    const rawRatios = group.rounds.map((r) => r.raw.toFixed(2)).join(', ');
    print(`${'SQLite appends/s, 16 in flight, group commit'.padEnd(58)} ${group.grouped16.toFixed(0).padStart(9)} /s`);
    print(`${'SQLite appends/s, 16 in flight, one transaction each'.padEnd(58)} ${group.ungrouped16.toFixed(0).padStart(9)} /s`);
    print(`${'SQLite appends/s through the store, 1 in flight'.padEnd(58)} ${group.store1.toFixed(0).padStart(9)} /s`);
    print(`${'raw better-sqlite3 insert + revision check, FULL, 1 each'.padEnd(58)} ${group.raw1.toFixed(0).padStart(9)} /s`);
    const underLoad = await latencyUnderHeavyRequest();
    print(
      `${'trivial query while the heaviest allowed request runs (app)'.padEnd(58)} ${underLoad.p99Ms.toFixed(3).padStart(9)} ms p99, ${underLoad.p50Ms.toFixed(3)} ms p50 (${underLoad.trivialRuns} runs; heavy: ${underLoad.heavyMedianMs.toFixed(1)} ms median, ${underLoad.heavyRuns} runs)`,
    );
    print('\nratios (same run):');
    print(
      `  group commit / one transaction each:    ${(group.grouped16 / group.ungrouped16).toFixed(1)}x  goal >= 5x at 16 in flight ` +
        `(rounds ${groupRatios}) ${group.grouped16 / group.ungrouped16 >= 5 ? 'met' : 'MISSED'}`,
    );
    print(
      `  store append / raw insert, 1 in flight: ${(group.store1 / group.raw1).toFixed(2)}x  goal >= 0.8x (rounds ${rawRatios}) ` +
        `${group.store1 / group.raw1 >= 0.8 ? 'met' : 'MISSED'}`,
    );
    print(`  SQLite append path / in-memory:        ${(onSqlite / inMemory).toFixed(1)}x`);
    print(`  argon2id verify / SQLite command:       ${(argon / onSqlite).toFixed(1)}x  (a logon is dominated by the password hash)`);
    print(`  argon2id verify / code hash:            ${(argon / hmac).toFixed(0)}x`);
    print(`  TOTP match / code hash:                 ${(totp / hmac).toFixed(1)}x`);
    print(`  chain hash / in-memory command:         ${(chain / inMemory).toFixed(3)}x  (what tamper evidence adds per event)`);
    print(`  feed latency (worst) / 1 s goal:        ${(feed.worstMs / 1000).toFixed(4)}x  (issue 5: mfaEnabled within a second)`);
    await printCommandCostRows(dir, decider, process.argv.includes('--quick'), print);
    print('\naudit commands over 100,000 events in SQLite, live heap after full collections (issue 4):');
    const audit = await measureAuditHeap();
    const heapRow = (command: string, growthMb: number, seconds: number) =>
      print(
        goalRow(
          `${command}, ${audit.events} events, ${seconds.toFixed(1)} s`,
          `+${growthMb.toFixed(1)} MB`,
          `< ${AUDIT_HEAP_GOAL_MB} MB`,
          growthMb < AUDIT_HEAP_GOAL_MB,
        ),
      );
    heapRow(`audit verify (${audit.verifyOk ? 'OK' : 'FAILED'})`, audit.verifyHeapGrowthMb, audit.verifySeconds);
    heapRow(`audit export (${audit.exported} lines)`, audit.exportHeapGrowthMb, audit.exportSeconds);
    print(`  trivial p99 under heaviest / 50 ms goal: ${(underLoad.p99Ms / 50).toFixed(2)}x  (issue 9: no request stalls the others)`);
    print('\nsession check on every request (issue 10):');
    await printSessionCheckRow(process.argv.includes('--quick'), print);
  } finally {
    await sqlite.close();
    await memory.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
