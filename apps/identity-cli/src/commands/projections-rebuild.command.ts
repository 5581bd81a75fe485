import { EventStore } from '@identity/event-store';
import { AppConfig } from '@identity/config';
import { allProjections } from '@identity/read-models';
import { rebuildProjection } from '@identity/read-models';
import { openReadModelDatabase } from '@identity/read-models';

/** `projections rebuild`: every read model from the first event, each in one transaction, in SQLite or PostgreSQL. */
export async function rebuildProjections(
  config: AppConfig,
  store: EventStore,
  out: (line: string) => void,
  progress: (line: string) => void,
): Promise<void> {
  const db = openReadModelDatabase(config);
  try {
    for (const projection of allProjections()) {
      const count = await rebuildProjection(projection, store, db, (n) => progress(`${projection.name}: ${n} events`));
      out(`rebuilt ${projection.name} from ${count} events`);
    }
  } finally {
    await db.close();
  }
}
