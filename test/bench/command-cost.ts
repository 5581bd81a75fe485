import { randomUUID } from 'node:crypto';
import { AccountCommand, accountDecider, accountStream } from '@identity/domain';
import { chainNewEventsAfter, ChainLink, EventStore, handleCommand, NewEvent, SnapshotStore } from '@identity/event-store';
import { BenchRow } from './harness/bench-row';
import { registerCommand } from './register-command';

export interface CommandCostResult {
  row: BenchRow;
  /** The first command on the long stream: no snapshot yet, a full fold. */
  coldFoldMs: number;
  /** The bench process's CPU time per command (the client's only, on KurrentDB). */
  cpuMsPerCommand: { figure: number; baseline: number };
}

export interface CommandCostOptions {
  store: EventStore;
  snapshots: SnapshotStore;
  decider: AccountDecider;
  storeName: string;
  longHistory: number;
  shortHistory: number;
  rounds: number;
  commandsPerRound: number;
}

type AccountDecider = ReturnType<typeof accountDecider>;

const GOAL = 1.2;
const BATCH = 2_000;
const context = { correlationId: 'bench', causationId: null, actor: null, ip: null, userAgent: null };

/**
 * Issue 8's goal: one command (read, fold, decide, append: a wrong password) on an account with
 * `longHistory` prior events costs at most 1.2× one on an account with `shortHistory`. The long
 * stream is built in big chained batches appended directly, then warmed by one command (which
 * saves its snapshot: that first, full fold is reported apart). Every baseline command runs on a
 * fresh short stream, so that it always finds exactly `shortHistory` prior events. Rounds
 * alternate figure and baseline command by command; each round takes the median time of each, and
 * the row is the median of the rounds' ratios (the spread is their min and max).
 */
export async function commandCostRow(options: CommandCostOptions): Promise<CommandCostResult> {
  const { store, rounds, commandsPerRound } = options;
  const long = await account(store, options.decider, options.longHistory);
  const shorts: string[] = [];
  for (let i = 0; i < rounds * commandsPerRound + 1; i += 1) shorts.push(await account(store, options.decider, options.shortHistory));
  const command = (accountId: string) => failedLogin(options, accountId);
  const coldStart = process.hrtime.bigint();
  await command(long);
  const coldFoldMs = Number(process.hrtime.bigint() - coldStart) / 1e6;
  await command(shorts.pop() ?? '');
  const figures: number[] = [];
  const baselines: number[] = [];
  const cpu = { figure: 0, baseline: 0 };
  for (let round = 0; round < rounds; round += 1) {
    const [figure, baseline] = await interleaved(
      commandsPerRound,
      round % 2 === 0,
      () => command(long),
      () => command(shorts.pop() ?? ''),
    );
    figures.push(median(figure.ms));
    baselines.push(median(baseline.ms));
    cpu.figure += figure.cpuMs;
    cpu.baseline += baseline.cpuMs;
  }
  const commands = rounds * commandsPerRound;
  const ratios = figures.map((figure, i) => {
    const baseline = baselines[i];
    if (baseline === undefined) throw new Error(`no baseline for round ${i}`);
    return figure / baseline;
  });
  const ratio = median(ratios);
  return {
    coldFoldMs,
    cpuMsPerCommand: { figure: cpu.figure / commands, baseline: cpu.baseline / commands },
    row: {
      name: `one command, ${options.longHistory.toLocaleString('en')} vs ${options.shortHistory} prior events (${options.storeName})`,
      value: median(figures),
      unit: 'ms',
      baseline: median(baselines),
      ratio,
      spread: [Math.min(...ratios), Math.max(...ratios)],
      goal: `≤ ${GOAL}×`,
      met: ratio <= GOAL,
    },
  };
}

function failedLogin(options: CommandCostOptions, accountId: string) {
  return handleCommand(
    options.store,
    accountStream(accountId),
    options.decider,
    (): AccountCommand => ({
      type: 'Login',
      now: new Date().toISOString(),
      passwordValid: false,
      sessionId: 's',
      challengeId: 'c',
      challengeCodeHash: null,
    }),
    context,
    { snapshots: options.snapshots },
  );
}

/** An account registered through the decider, then `history - 1` failures appended in chained batches. */
async function account(store: EventStore, decider: AccountDecider, history: number): Promise<string> {
  const accountId = randomUUID();
  const streamId = accountStream(accountId);
  const registered = await handleCommand(store, streamId, decider, () => registerCommand(accountId, `bench-${accountId}`), context);
  const [first] = await store.readStream(streamId);
  if (!first) throw new Error(`${streamId} has no events after RegisterAccount`);
  let link: ChainLink = { revision: registered.nextRevision ?? 0n, hash: String(first.metadata.hash) };
  for (let done = 1; done < history; done += BATCH) {
    const at = new Date().toISOString();
    const count = Math.min(BATCH, history - done);
    const events: NewEvent[] = Array.from({ length: count }, (_, i) => ({
      id: randomUUID(),
      type: 'PasswordCheckFailed',
      data: { consecutiveFailures: done + i, at },
      metadata: { ...context },
    }));
    const chained = chainNewEventsAfter(streamId, link, events, at);
    const appended = await store.appendToStream(streamId, chained, link.revision);
    const tail = chained.at(-1);
    if (!tail) throw new Error(`${streamId}: chainNewEventsAfter returned no events`);
    link = { revision: appended.nextRevision, hash: String(tail.metadata.hash) };
  }
  return accountId;
}

interface Side {
  ms: number[];
  cpuMs: number;
}

/**
 * `runs` calls of each, alternating one by one (so that both meet the same load of a shared
 * machine), figure first or baseline first: each one's wall times and this process's CPU time.
 */
async function interleaved(
  runs: number,
  figureFirst: boolean,
  figure: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
): Promise<[Side, Side]> {
  const figures: Side = { ms: [], cpuMs: 0 };
  const baselines: Side = { ms: [], cpuMs: 0 };
  const timed = async (body: () => Promise<unknown>, side: Side) => {
    const start = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    await body();
    const cpu = process.cpuUsage(cpuStart);
    side.ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    side.cpuMs += (cpu.user + cpu.system) / 1000;
  };
  for (let i = 0; i < runs; i += 1) {
    if (figureFirst === (i % 2 === 0)) {
      await timed(figure, figures);
      await timed(baseline, baselines);
    } else {
      await timed(baseline, baselines);
      await timed(figure, figures);
    }
  }
  return [figures, baselines];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const [lower, upper] = [sorted[middle - 1], sorted[middle]];
  if (upper === undefined) throw new Error('median of no values');
  return sorted.length % 2 === 1 || lower === undefined ? upper : (lower + upper) / 2;
}
