import { EventStore } from '@identity/event-store';
import { AppConfig } from '@identity/config';
import { allProjections } from '@identity/read-models';
import { rebuildProjection } from '@identity/read-models';
import { openReadModelDatabase } from '@identity/read-models';

/**
 * `projections rebuild`: every read model from the first event, in SQLite or PostgreSQL, while the
 * server keeps serving the old tables: each is built under another name in short transactions, caught
 * up, then swapped in in one transaction (rebuild-projection.ts). Progress goes to stderr.
 */
export async function rebuildProjections(
  config: AppConfig,
  store: EventStore,
  out: (line: string) => void,
  progress: (line: string) => void,
): Promise<void> {
  const db = openReadModelDatabase(config);
  try {
    for (const projection of allProjections()) {
      const count = await rebuildProjection(projection, store, db, (n) => progress(`${projection.name}: ${n} events`), {
        onSwitch: (n) => progress(`${projection.name}: caught up after ${n} events; swapping the rebuilt tables in`),
      });
      out(`rebuilt ${projection.name} from ${count} events`);
    }
  } finally {
    await db.close();
  }
}
