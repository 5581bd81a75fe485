import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SqliteEventStore } from '@identity/event-store';
import { generateChainedAccountEvents } from '../bench/chained-account-events';
import type { AppProcess } from './app-process';
import { Api, send } from './flow';
import { detailedHealth } from './health-client';
import { eventually } from './polling';
import { queryPostgres } from './postgres-test-database';

/** Appends `events` realistic account events (valid audit chains) straight into the app's SQLite event store. */
export async function seedAccountEvents(app: AppProcess, events: number): Promise<void> {
  const store = new SqliteEventStore({ filePath: join(app.dataDir, 'events.db') });
  try {
    const accounts = Math.max(1, Math.round(events / 100));
    await generateChainedAccountEvents(store, { accounts, eventsPerAccount: Math.ceil(events / accounts) });
  } finally {
    await store.close();
  }
}

/** Waits until the running app's `account_security.v3` has applied the last account event of its store. */
export async function waitForAccountSecurity(app: AppProcess, timeoutMs = 120_000): Promise<void> {
  const events = new Database(join(app.dataDir, 'events.db'), { readonly: true });
  const [head] = events.prepare("SELECT max(position) AS head FROM events WHERE stream_id LIKE 'account-%'").all() as { head: number }[];
  events.close();
  type Health = { projections?: { name: string; checkpoint: string | null }[] };
  const checkpoint = async () =>
    (await detailedHealth<Health>(app)).body.projections?.find((p) => p.name === 'account_security.v3')?.checkpoint ?? null;
  // At or past it: a feed that reads every stream may checkpoint at a later event of another stream.
  const applied = (c: string | null) => c !== null && head !== undefined && Number(c) >= head.head;
  const reached = await eventually(checkpoint, applied, timeoutMs);
  if (!applied(reached)) throw new Error(`account_security.v3 at ${reached}, not at the store's ${head?.head}`);
}

export interface ReaderTally {
  answers: number;
  /** Every answer that was not the expected one (an error, a failed request, other data), as text. */
  wrong: string[];
}

/**
 * Sends `me` and `accountSecurity` for one account in a loop until `stop` resolves, comparing every
 * answer with `expected` (the security fields both show).
 */
export async function readUntil(
  api: Api,
  token: string,
  accountId: string,
  expected: unknown,
  stop: Promise<unknown>,
): Promise<ReaderTally> {
  let stopped = false;
  void stop.finally(() => (stopped = true));
  const tally: ReaderTally = { answers: 0, wrong: [] };
  while (!stopped) {
    for (const [operation, variables] of [
      ['me', {}],
      ['accountSecurity', { accountId }],
    ] as const) {
      try {
        const response = await send(api, operation, variables, token);
        const data = response.body.data?.[operation] as { security?: unknown } | undefined;
        const security = operation === 'me' ? data?.security : data;
        if (response.status !== 200 || response.body.errors || JSON.stringify(security) !== JSON.stringify(expected)) {
          tally.wrong.push(`${operation}: HTTP ${response.status} ${response.text.slice(0, 300)}`);
        }
      } catch (error) {
        tally.wrong.push(`${operation}: ${(error as Error).message}`);
      }
      tally.answers += 1;
    }
  }
  return tally;
}

/** The tables of the app's read-model database (SQLite in DATA_DIR, or the PostgreSQL database at `url`). */
export async function readModelTables(app: AppProcess, postgresUrl: string | null): Promise<string[]> {
  if (postgresUrl) {
    const rows = await queryPostgres<{ name: string }>(
      postgresUrl,
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    return rows.map((row) => row.name);
  }
  const db = new Database(join(app.dataDir, 'read-models.db'), { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
}
