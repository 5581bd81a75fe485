import { Position, RecordedEvent } from '../event-store.port';
import { isAfter, singlePosition } from '../position';
import { EventPage } from '../reading/event-page';
import { CatchUpSource, CatchUpSubscription } from './catch-up-subscription';
import { defined } from '@identity/testing';

/** A hand-driven source: `events` is the log, `duringNextRead` runs inside the next read. */
class FakeSource implements CatchUpSource {
  readonly events: RecordedEvent[] = [];
  readonly listeners = new Set<() => void>();
  duringNextRead: (() => void) | null = null;
  ended = 0;
  readonly pageSize = 2;
  constructor(readonly pollIntervalMs?: number) {}

  readPage = (after: Position | undefined, limit: number): EventPage => {
    const events = this.events.filter((e) => isAfter(e.position, after)).slice(0, limit);
    const hook = this.duringNextRead;
    this.duringNextRead = null;
    hook?.(); // lands after the snapshot above, as an append racing with the read would
    return { events, checkpoint: events.at(-1)?.position ?? after };
  };
  onAppend = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  onEnd = (): void => {
    this.ended += 1;
  };
  append(id: string, notify = true): void {
    const n = BigInt(this.events.length);
    this.events.push({
      streamId: 's-1',
      revision: n,
      position: singlePosition(n),
      id,
      type: 'T',
      data: {},
      metadata: {
        correlationId: 'c',
        causationId: null,
        actor: null,
        ip: null,
        userAgent: null,
      },
      recordedAt: new Date(0),
    });
    if (notify) for (const listener of this.listeners) listener();
  }
}

describe('CatchUpSubscription', () => {
  it('does not miss an append that lands while a read is in flight', async () => {
    const source = new FakeSource(); // no poll: only the wake-up can deliver it
    const subscription = new CatchUpSubscription(source, undefined);
    source.duringNextRead = () => source.append('raced');
    const result = await subscription[Symbol.asyncIterator]().next();
    expect(result.value?.id).toBe('raced');
    await subscription.close();
  });

  it('finds events nobody announced by polling', async () => {
    const source = new FakeSource(5);
    const subscription = new CatchUpSubscription(source, undefined);
    const pending = subscription[Symbol.asyncIterator]().next();
    source.append('silent', false);
    expect((await pending).value?.id).toBe('silent');
    await subscription.close();
  });

  it('reads page after page from the position after `after`', async () => {
    const source = new FakeSource();
    for (const id of ['a', 'b', 'c', 'd', 'e']) source.append(id);
    const subscription = new CatchUpSubscription(source, singlePosition(0n));
    const iterator = subscription[Symbol.asyncIterator]();
    const ids = [];
    for (let i = 0; i < 4; i += 1) ids.push((await iterator.next()).value?.id);
    expect(ids).toEqual(['b', 'c', 'd', 'e']);
    await subscription.close();
  });

  it('unregisters and reports its end once, however it ends', async () => {
    const broken = new FakeSource();
    broken.append('only');
    const subscription = new CatchUpSubscription(broken, undefined);
    for await (const event of subscription) {
      expect(event.id).toBe('only');
      break;
    }
    expect(broken.listeners.size).toBe(0);
    await subscription.close();
    expect(broken.ended).toBe(1);

    const neverStarted = new FakeSource();
    await new CatchUpSubscription(neverStarted, undefined).close();
    expect(neverStarted.ended).toBe(1);
  });

  it('throws when the source fails, and when a page goes backwards', async () => {
    const failing = new FakeSource();
    failing.readPage = () => {
      throw new Error('disk on fire');
    };
    await expect(new CatchUpSubscription(failing, undefined)[Symbol.asyncIterator]().next()).rejects.toThrow('disk on fire');

    const backwards = new FakeSource();
    backwards.append('a');
    backwards.readPage = () => ({ events: backwards.events, checkpoint: defined(backwards.events[0]).position });
    const iterator = new CatchUpSubscription(backwards, singlePosition(3n))[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toThrow('not after its cursor');
  });
});
