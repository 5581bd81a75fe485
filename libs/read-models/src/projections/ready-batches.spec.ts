import { readyBatches } from './ready-batches';

/** A source whose items are pushed by the test; `next()` waits for the next push. */
class PushSource implements AsyncIterable<number> {
  private readonly items: number[] = [];
  private waiter: ((result: IteratorResult<number>) => void) | null = null;

  push(...items: number[]): void {
    this.items.push(...items);
    this.flush();
  }

  [Symbol.asyncIterator](): AsyncIterator<number> {
    return {
      next: () =>
        new Promise<IteratorResult<number>>((resolve) => {
          const item = this.items.shift();
          if (item !== undefined) resolve({ value: item, done: false });
          else this.waiter = resolve;
        }),
    };
  }

  private flush(): void {
    const waiter = this.waiter;
    const item = this.items[0];
    if (!waiter) return;
    if (item !== undefined) {
      this.waiter = null;
      this.items.shift();
      waiter({ value: item, done: false });
    }
  }
}

async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

describe('readyBatches', () => {
  it('takes everything ready before the next turn, up to the maximum', async () => {
    const batches: number[][] = [];
    for await (const batch of readyBatches(fromArray([1, 2, 3, 4, 5, 6, 7]), 3)) batches.push(batch);
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('gives an item that arrives alone at once, without waiting for more', async () => {
    const source = new PushSource();
    const iterator = readyBatches(source, 100)[Symbol.asyncIterator]();
    const first = iterator.next();
    source.push(1);
    expect((await first).value).toEqual([1]);
    const second = iterator.next();
    setTimeout(() => source.push(2, 3), 5);
    expect((await second).value).toEqual([2, 3]);
  });

  it('does not wait for an item that comes in a later task: the batch is what was ready without waiting', async () => {
    const source = new PushSource();
    const iterator = readyBatches(source, 100)[Symbol.asyncIterator]();
    const first = iterator.next();
    source.push(1);
    setImmediate(() => source.push(2));
    expect((await first).value).toEqual([1]);
    expect((await iterator.next()).value).toEqual([2]);
  });

  it('yields what was read before the source failed, then throws', async () => {
    async function* failing(): AsyncGenerator<number> {
      yield 1;
      yield 2;
      throw new Error('unreadable');
    }
    const iterator = readyBatches(failing(), 10)[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual([1, 2]);
    await expect(iterator.next()).rejects.toThrow('unreadable');
  });
});
