/** Waiting in the e2e suites: only ever polling for a condition, with a deadline; no fixed sleeps. */

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Waits until the clock has passed `isoDate` (e.g. a lock's end), plus a little for the server's clock. */
export async function waitUntilPast(isoDate: string): Promise<void> {
  const until = Date.parse(isoDate);
  if (Number.isNaN(until)) throw new Error(`not a date: ${isoDate}`);
  while (Date.now() <= until + 50) await sleep(Math.min(250, until + 60 - Date.now()));
}

/**
 * Calls `read` until `accept` holds for its answer (e.g. a read model caught up after a restart) and
 * returns that answer; after `timeoutMs` returns the last answer, for the caller's assertion to show.
 */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value) && Date.now() < deadline) {
    await sleep(100);
    value = await read();
  }
  return value;
}
