import { join } from 'node:path';
import { loadConfig } from '@identity/config';
import { SqliteEventStore } from '@identity/event-store';
import { verifyAuditTrail } from '@identity/audit';
import { openReadModelsReadOnly } from '@identity/read-models';
import { rebuildProjections } from '../../../apps/identity-cli/src/commands/projections-rebuild.command';
import { digestNow, newSigningKey } from '../../support/audit-fixture';
import { generateChainedAccountEvents } from '../chained-account-events';
import { BenchRow, interleave, RowGroup, rowFromRounds } from '../harness/bench-row';
import { rawReadRate } from '../harness/raw-read';

/** The replay rows' store: chained account events, this many a stream (profile/profile-rebuild.ts seeds the same). */
export const EVENTS_PER_ACCOUNT = 50;

/**
 * Issue 12's verify goal, 1,000,000 events in 30 s, as a rate: met on the rate itself, not on a ratio
 * to the raw read (whose speed varies with the machine's load: 0.16× of it meant anything from 1M in
 * 20 s to 1M in 50 s). The row measures 200,000 events; `npm run bench:audit-1m` runs the 1M.
 */
const VERIFY_GOAL_EVENTS_PER_SECOND = 1_000_000 / 30;

/**
 * Issue 12, item 4: `projections rebuild` (every read model) and `audit verify` over the same store,
 * each beside the raw read of its rows (better-sqlite3 and JSON.parse of data and metadata), in
 * interleaved rounds. Both run in this process through the CLI's own functions, as the operator's
 * command runs them (without the process start).
 */
export const replay: RowGroup = {
  name: 'replay: projections rebuild and audit verify vs raw read',
  async run({ quick, dir, log }): Promise<BenchRow[]> {
    const events = quick ? 40_000 : 200_000;
    const config = loadConfig({ DATA_DIR: dir, EVENT_STORE: 'sqlite' });
    const eventsFile = join(dir, 'events.db');
    const store = new SqliteEventStore({ filePath: eventsFile });
    const key = newSigningKey();
    try {
      const seeded = Date.now();
      await generateChainedAccountEvents(store, { accounts: events / EVENTS_PER_ACCOUNT, eventsPerAccount: EVENTS_PER_ACCOUNT });
      await digestNow(store, key);
      log(`seeded ${events} events in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
      const rebuild = async () => {
        const start = process.hrtime.bigint();
        await rebuildProjections(config, store, () => undefined, { write: () => true });
        return (events + 1) / (Number(process.hrtime.bigint() - start) / 1e9);
      };
      const raw = async () => rawReadRate(eventsFile);
      const rebuilt = await interleave(3, rebuild, raw);
      const verify = async () => {
        const readModels = openReadModelsReadOnly(config);
        const start = process.hrtime.bigint();
        try {
          const result = await verifyAuditTrail({
            store,
            publicKey: key.publicKey,
            readModels,
            out: () => undefined,
            progress: () => undefined,
          });
          if (!result.ok) throw new Error(`audit verify failed on the bench store: ${result.summary}`);
        } finally {
          await readModels?.close();
        }
        return (events + 1) / (Number(process.hrtime.bigint() - start) / 1e9);
      };
      const verified = await interleave(3, verify, raw);
      const size = `${events.toLocaleString('en')} events${quick ? ' (quick; full: 200,000)' : ''}`;
      return [
        rowFromRounds({
          name: `projections rebuild (all read models), ${size}, vs raw read + JSON.parse`,
          unit: 'events/s',
          ...rebuilt,
          goal: { text: '≥ 0.5×', met: (ratio) => ratio >= 0.5 },
        }),
        rowFromRounds({
          name: `audit verify (chains, digest, read models), ${size}, vs raw read + JSON.parse`,
          unit: 'events/s',
          ...verified,
          goal: {
            text: `≥ ${Math.ceil(VERIFY_GOAL_EVENTS_PER_SECOND).toLocaleString('en')} events/s (1M events < 30 s)`,
            met: (_ratio, rate) => rate >= VERIFY_GOAL_EVENTS_PER_SECOND,
          },
        }),
      ];
    } finally {
      await store.close();
    }
  },
};
