import { ReadModelUnavailableError } from './read-model-unavailable.error';

/** How long a statement or transaction keeps trying while another process holds the SQLite write lock. */
export const SQLITE_BUSY_WAIT_MS = 30_000;
const FIRST_RETRY_MS = 2;
const LONGEST_RETRY_MS = 50;

/** SQLITE_BUSY and its extended codes: another connection (the CLI, a second process) holds the lock. */
export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Says that an attempt met a busy database and should be tried again later (outside the connection's queue). */
export const BUSY = Symbol('SQLITE_BUSY');

/**
 * Runs `attempt` until it gives something other than BUSY, waiting between tries on a timer: the
 * event loop, and every other request, keeps running while another process holds the write lock
 * (a busy_timeout would wait inside SQLite, synchronously). Past `waitMs` it gives up with ReadModelUnavailableError.
 */
export async function retryWhileBusy<T>(attempt: () => Promise<T | typeof BUSY>, waitMs = SQLITE_BUSY_WAIT_MS): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let delay = FIRST_RETRY_MS; ; delay = Math.min(delay * 2, LONGEST_RETRY_MS)) {
    const outcome = await attempt();
    if (outcome !== BUSY) return outcome;
    if (Date.now() >= deadline) {
      throw new ReadModelUnavailableError(`the read-model database stayed locked by another process for ${waitMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}
