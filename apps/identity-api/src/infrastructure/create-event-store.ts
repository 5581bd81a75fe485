import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { EventStore, KurrentDbEventStore, SqliteEventStore } from '@identity/event-store';
import { AppConfig } from '../config/app-config';

/** The event store the configuration names: the embedded SQLite file in DATA_DIR, or KurrentDB. */
export function createEventStore(config: AppConfig): EventStore {
  if (config.eventStore === 'kurrentdb') {
    return new KurrentDbEventStore({ connectionString: config.kurrentdbConnectionString ?? '' });
  }
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteEventStore({ filePath: join(config.dataDir, 'events.db') });
}
