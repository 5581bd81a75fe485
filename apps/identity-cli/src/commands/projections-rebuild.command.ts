import { EventStore } from '@identity/event-store';
import { AppConfig } from '../../../identity-api/src/config/app-config';
import { allProjections } from '../../../identity-api/src/projections/all-projections';
import { openReadModelDatabase } from '../../../identity-api/src/projections/read-model-database';
import { rebuildProjection } from '../../../identity-api/src/projections/rebuild-projection';

/** `projections rebuild`: every read model from the first event, each in one transaction. */
export async function rebuildProjections(config: AppConfig, store: EventStore, out: (line: string) => void, progress: (line: string) => void): Promise<void> {
  const db = openReadModelDatabase(config.dataDir);
  try {
    for (const projection of allProjections()) {
      const count = await rebuildProjection(projection, store, db, (n) => progress(`${projection.name}: ${n} events`));
      out(`rebuilt ${projection.name} from ${count} events`);
    }
  } finally {
    db.close();
  }
}
