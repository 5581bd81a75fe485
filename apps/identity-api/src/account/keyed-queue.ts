/**
 * Runs tasks one after another per key, and tasks of different keys side by side: commands on one
 * account stream in this process never race each other for its revision (so they do not turn into
 * CONFLICT); other processes still can, and the command runner retries those. A key's chain is
 * forgotten as soon as it runs dry, so the map holds only keys with work waiting.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task running or waiting (for specs). */
  get size(): number {
    return this.tails.size;
  }
}
