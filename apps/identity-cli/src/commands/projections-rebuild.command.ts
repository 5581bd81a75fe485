import { EventStore } from '@identity/event-store';
import { AppConfig } from '@identity/config';
import { allProjections } from '@identity/read-models';
import { rebuildProjections as rebuildInOnePass } from '@identity/read-models';
import { openReadModelDatabase } from '@identity/read-models';

/**
 * `projections rebuild`: every read model from the first event, in one read of the store, in SQLite or
 * PostgreSQL, while the server keeps serving the old tables: each is built under another name in short transactions, caught
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
    const projections = allProjections();
    const counts = await rebuildInOnePass(projections, store, db, (n) => progress(`projections rebuild: ${n} events read`), {
      onSwitch: (n) => progress(`projections rebuild: caught up after ${n} events; swapping the rebuilt tables in`),
    });
    projections.forEach((projection, i) => out(`rebuilt ${projection.name} from ${counts[i] ?? 0} events`));
  } finally {
    await db.close();
  }
}
