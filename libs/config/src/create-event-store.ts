import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { EventStore, SqliteEventStore } from '@identity/event-store';
import { AppConfig, ConfigError } from './app-config';

const CONNECTION_STRING = 'KURRENTDB_CONNECTION_STRING';

/**
 * The event store the configuration names: the embedded SQLite file in DATA_DIR, or KurrentDB. A
 * connection string the KurrentDB client rejects is a ConfigError naming the variable.
 * `writerThread`: SQLite writes on a worker thread (the API's, where the event loop serves requests).
 */
export function createEventStore(config: AppConfig, options: { writerThread?: boolean } = {}): EventStore {
  if (config.eventStore === 'kurrentdb') {
    try {
      return kurrentDbEventStore(config.kurrentdbConnectionString ?? '');
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(new RegExp(`^${CONNECTION_STRING}:?\\s*`), '') : 'is not valid';
      throw new ConfigError(CONNECTION_STRING, reason);
    }
  }
  mkdirSync(config.dataDir, { recursive: true });
  return new SqliteEventStore({ filePath: join(config.dataDir, 'events.db'), writerThread: options.writerThread });
}

/**
 * Loaded only when configured: the KurrentDB client (gRPC and its protocol buffers) took a tenth of
 * every start of a service on SQLite to load.
 */
function kurrentDbEventStore(connectionString: string): EventStore {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, typed by the import type below
  const kurrentdb = require('@identity/event-store/kurrentdb') as typeof import('@identity/event-store/kurrentdb');
  return new kurrentdb.KurrentDbEventStore({ connectionString });
}
