import { KurrentDBClient } from '@kurrent/kurrentdb-client';

const SETTING = 'KURRENTDB_CONNECTION_STRING';
const EXAMPLE = 'kurrentdb://localhost:2113?tls=false';

/**
 * The connection string as the client wants it: trimmed, and with the legacy `esdb://` /
 * `esdb+discover://` schemes rewritten to `kurrentdb…://` (the client accepts them but prints a
 * deprecation warning on every client it creates, and the adapter recreates clients after outages).
 */
export function normalizeConnectionString(raw: string | undefined): string {
  const text = (raw ?? '').trim();
  if (text === '') throw new Error(`${SETTING} is empty: expected a KurrentDB connection string such as ${EXAMPLE}`);
  return text.replace(/^esdb(\+discover)?:\/\//i, (_match, discover: string | undefined) => `kurrentdb${discover ?? ''}://`);
}

/**
 * Creates a client (it connects lazily, on its first call). A malformed string gives an Error naming
 * the setting; the client's own message is kept without its quoted fragments, which may be a piece
 * of the string and so of a password.
 */
export function createKurrentDbClient(connectionString: string): KurrentDBClient {
  try {
    return KurrentDBClient.connectionString(connectionString);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/"[^"]*"/g, '…') : 'unreadable';
    throw new Error(`${SETTING} is not a valid KurrentDB connection string (${reason}); expected e.g. ${EXAMPLE}`);
  }
}
