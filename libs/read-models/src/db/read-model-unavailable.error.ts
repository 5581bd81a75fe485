/** The read-model database cannot be reached now (down, restarting, gone); the caller may try again later. */
export class ReadModelUnavailableError extends Error {
  readonly code = 'UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReadModelUnavailableError';
  }
}

/** Socket-level failures of a driver, before or instead of an answer from the server. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
/**
 * PostgreSQL SQLSTATEs that say "not now" rather than "wrong query": class 08 (connection exception),
 * 57P01–57P03 (shutting down, crashed, not accepting connections yet), 3D000 (the database is gone),
 * 53300 (too many connections).
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '3D000', '53300']);

export function isUnreachable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08'))) return true;
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/.test(message)
  );
}

/** `work`, with an unreachable database reported as ReadModelUnavailableError (every other error as it is). */
export async function unavailableWhenUnreachable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUnreachable(error)) throw new ReadModelUnavailableError('the read-model database cannot be reached', { cause: error });
    throw error;
  }
}
