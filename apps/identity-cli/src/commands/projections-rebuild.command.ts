import { EventStore } from '@identity/event-store';
import { AppConfig } from '@identity/config';
import { allProjections } from '@identity/read-models';
import { rebuildProjections as rebuildInOnePass } from '@identity/read-models';
import { openReadModelDatabase } from '@identity/read-models';
import { estimatedEvents } from '../estimated-events';
import { ProgressReporter, ProgressStream } from '../progress-reporter';

/**
 * `projections rebuild`: every read model from the first event, in one read of the store, in SQLite or
 * PostgreSQL, while the server keeps serving the old tables: each is built under another name in short transactions, caught
 * up, then swapped in in one transaction (rebuild-projection.ts). Progress goes to stderr.
 */
export async function rebuildProjections(
  config: AppConfig,
  store: EventStore,
  out: (line: string) => void,
  progress: ProgressStream,
): Promise<void> {
  const db = openReadModelDatabase(config);
  try {
    const projections = allProjections();
    const reporter = new ProgressReporter('projections rebuild', progress, { total: estimatedEvents(store) });
    const counts = await rebuildInOnePass(projections, store, db, (n) => reporter.update(n), {
      onSwitch: (n) => reporter.note(`projections rebuild: caught up after ${n} events; swapping the rebuilt tables in`),
    });
    reporter.done();
    projections.forEach((projection, i) => out(`rebuilt ${projection.name} from ${counts[i] ?? 0} events`));
  } finally {
    await db.close();
  }
}
