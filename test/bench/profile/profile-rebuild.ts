import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join, resolve } from 'node:path';
import { loadConfig } from '@identity/config';
import { SqliteEventStore } from '@identity/event-store';
import { rebuildProjections } from '../../../apps/identity-cli/src/commands/projections-rebuild.command';
import { generateChainedAccountEvents } from '../chained-account-events';
import { EVENTS_PER_ACCOUNT } from '../rows/replay';
import { layerTablesMarkdown, layerTimes } from './cpu-profile-layers';

/**
 * `node dist/test/bench/profile/profile-rebuild.js <dir> [events] [rounds]`: a CPU profile of
 * `projections rebuild` (every read model) in this process, over a store like the replay row's (seeded into
 * `<dir>` once, kept for the next run), printed as self time by layer (Markdown). Also prints the
 * process CPU per event (user + system, every thread) and the wall rate of each round.
 */
const DIR = resolve(process.argv[2] ?? 'rebuild-profile');
const EVENTS = Number(process.argv[3] ?? 40_000);
const ROUNDS = Number(process.argv[4] ?? 3);

async function main(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const eventsFile = join(DIR, 'events.db');
  const seeded = existsSync(eventsFile);
  const store = new SqliteEventStore({ filePath: eventsFile });
  const config = loadConfig({ DATA_DIR: DIR, EVENT_STORE: 'sqlite' });
  try {
    if (!seeded) await generateChainedAccountEvents(store, { accounts: EVENTS / EVENTS_PER_ACCOUNT, eventsPerAccount: EVENTS_PER_ACCOUNT });
    const events = Number(store.lastPosition() ?? 0n);
    const rebuild = () => rebuildProjections(config, store, () => undefined, { write: () => true });
    await rebuild(); // warm: the first rebuild also creates the live tables
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    for (let round = 0; round < ROUNDS; round += 1) {
      const cpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      await rebuild();
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const used = process.cpuUsage(cpu);
      const cpuUs = (used.user + used.system) / events;
      process.stdout.write(
        `round ${round + 1}: ${Math.round(events / seconds)} events/s, ${cpuUs.toFixed(1)} µs CPU per event (all threads)\n`,
      );
    }
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    const file = join(DIR, 'rebuild.cpuprofile');
    writeFileSync(file, JSON.stringify(profile));
    const times = layerTimes(file, undefined, 25);
    process.stdout.write(`\nmain thread, ${ROUNDS} rounds, ${times.totalMs.toFixed(0)} ms sampled (${file})\n\n`);
    process.stdout.write(`${layerTablesMarkdown(times, times.totalMs, 'share')}\n`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
