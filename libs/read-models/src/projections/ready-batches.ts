const NOT_YET = Symbol('not yet');

/**
 * Groups an async iterable's items into batches of what is ready now: a batch waits for its first
 * item, then takes every further item the source gives without waiting for I/O or a timer (at most
 * `max`): the batch ends once the microtasks run dry (a `process.nextTick` queued in a microtask
 * runs only then), not at the event loop's next turn, which under load comes after every request
 * that arrived meanwhile. An idle source gives batches of one at once (no added latency); a page
 * read at once (the appends of one group commit, or a backlog read page by page) gives one batch. An error of the source ends the iteration after the items
 * read before it were yielded. Leaving the loop early leaves one `next()` of the source pending: close
 * the source (a subscription's `close()`) to end it.
 */
export async function* readyBatches<T>(source: AsyncIterable<T>, max: number): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending = iterator.next();
  for (;;) {
    const first = await pending;
    if (first.done) return;
    const batch: T[] = [first.value];
    pending = iterator.next();
    const turn = new Promise<typeof NOT_YET>((resolve) => process.nextTick(() => resolve(NOT_YET)));
    let ended = false;
    while (batch.length < max) {
      let next: IteratorResult<T> | typeof NOT_YET;
      try {
        next = await Promise.race([pending, turn]);
      } catch {
        break; // `pending` rejected: yield what was read; the next `await pending` throws
      }
      if (next === NOT_YET) break;
      if (next.done) {
        ended = true;
        break;
      }
      batch.push(next.value);
      pending = iterator.next();
    }
    yield batch;
    if (ended) return;
  }
}
