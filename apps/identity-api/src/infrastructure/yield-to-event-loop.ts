import { setImmediate } from 'node:timers/promises';

/**
 * Lets other requests run before a large synchronous read. The embedded stores answer without real
 * I/O, so the root fields of one request would otherwise run back to back in microtasks, and a trivial
 * query from another client would wait for all of them (issue 9's bench row).
 */
export const yieldToEventLoop = (): Promise<void> => setImmediate();
