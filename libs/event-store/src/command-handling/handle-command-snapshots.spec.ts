import { randomUUID } from 'node:crypto';
import { ChainVerifier } from '../audit-chain/chain-verifier';
import { AuditMismatch } from '../audit-chain/audit-mismatch';
import { linkHashOf } from '../audit-chain/event-hash';
import { chainNewEvents } from '../audit-chain/chain-new-events';
import { EventStore, RecordedEvent } from '../event-store.port';
import { InMemoryEventStore } from '../in-memory/in-memory-event-store';
import { InMemorySnapshotStore } from '../snapshots/in-memory-snapshot-store';
import { Snapshot, SnapshotStore } from '../snapshots/snapshot-store.port';
import { CommandContext, Decider, handleCommand } from './handle-command';
import { defined } from '@identity/testing';

type Added = { type: 'Added'; data: { by: number } };
type Total = { total: number; count: number };

/** Counts events folded, so that a spec sees where a fold started. */
function adder(snapshotVersion: string | null = 'total.v1') {
  const folded: number[] = [];
  const decider: Decider<Total, number, Added> = {
    initialState: () => ({ total: 0, count: 0 }),
    evolve: (state, event) => {
      if (typeof state.total !== 'number') throw new TypeError('not a Total');
      folded.push(event.data.by);
      return { total: state.total + event.data.by, count: state.count + 1 };
    },
    decide: (by) => (by === 0 ? [] : [{ type: 'Added', data: { by } }]),
    decode: (type, data) => {
      if (type !== 'Added' || typeof data.by !== 'number') throw new Error(`malformed ${type}`);
      return { type, data: { by: data.by } };
    },
    ...(snapshotVersion === null ? {} : { snapshotVersion }),
  };
  return { decider, folded };
}

const context: CommandContext = { correlationId: 'c', causationId: null, actor: null, ip: null, userAgent: null };

/** An event store that remembers from which revision each stream read started. */
class ReadRecordingStore extends InMemoryEventStore {
  readonly readsFrom: bigint[] = [];
  override async readStream(streamId: string, fromRevision = 0n): Promise<RecordedEvent[]> {
    this.readsFrom.push(fromRevision);
    return super.readStream(streamId, fromRevision);
  }
}

/** Another writer's appends, chained onto the stream's last event as every writer's are. */
async function addMany(store: EventStore, streamId: string, count: number): Promise<void> {
  const events = Array.from({ length: count }, () => ({ id: randomUUID(), type: 'Added', data: { by: 1 }, metadata: { ...context } }));
  const last = (await store.readStream(streamId)).at(-1) ?? null;
  await store.appendToStream(
    streamId,
    chainNewEvents(streamId, last, events, new Date().toISOString()),
    last ? last.revision : 'no_stream',
  );
}

describe('handleCommand with snapshots', () => {
  let store: ReadRecordingStore;
  let snapshots: InMemorySnapshotStore;
  const streamId = () => `total-${randomUUID()}`;
  const run = (s: string, decider: Decider<Total, number, Added>, by: number, options: { snapshots?: SnapshotStore } = {}) =>
    handleCommand(store, s, decider, () => by, context, { snapshots, snapshotEvery: 5, ...options });
  beforeEach(() => {
    store = new ReadRecordingStore();
    snapshots = new InMemorySnapshotStore();
  });

  it('saves a snapshot once snapshotEvery events were folded, and reads on from it', async () => {
    const { decider, folded } = adder();
    const s = streamId();
    await addMany(store, s, 9);
    await run(s, decider, 1);
    expect(await snapshots.load(s, 'total.v1')).toMatchObject({ state: { total: 10, count: 10 }, revision: 9n });
    folded.length = 0;
    store.readsFrom.length = 0;
    const result = await run(s, decider, 2);
    expect(store.readsFrom).toEqual([9n]);
    expect(folded).toEqual([2]);
    expect(result).toMatchObject({ state: { total: 12, count: 11 }, nextRevision: 10n });
  });

  it('folds the events appended after a stale snapshot', async () => {
    const { decider, folded } = adder();
    const s = streamId();
    await addMany(store, s, 9);
    await run(s, decider, 1);
    await addMany(store, s, 3);
    folded.length = 0;
    const result = await run(s, decider, 5);
    expect(folded).toEqual([1, 1, 1, 5]);
    expect(result.state).toEqual({ total: 18, count: 14 });
  });

  it('ignores a snapshot saved under another version', async () => {
    const s = streamId();
    await addMany(store, s, 3);
    const last = defined((await store.readStream(s, 2n))[0], 'revision 2');
    await snapshots.save(s, 'total.v0', { state: { total: 1000, count: 1000 }, revision: 2n, eventHash: linkHashOf(last) });
    expect((await run(s, adder('total.v0').decider, 0)).state.total).toBe(1000);
    const { decider, folded } = adder('total.v1');
    expect((await run(s, decider, 0)).state).toEqual({ total: 3, count: 3 });
    expect(folded).toEqual([1, 1, 1]);
  });

  it.each<[string, (stream: RecordedEvent[]) => Snapshot]>([
    ['names another event hash', () => ({ state: { total: 1000, count: 1000 }, revision: 2n, eventHash: 'f'.repeat(64) })],
    ['names a revision past the end', (e) => ({ state: { total: 1000, count: 1000 }, revision: 7n, eventHash: linkHashOf(defined(e[2])) })],
    [
      'names the hash of another revision',
      (e) => ({ state: { total: 1000, count: 1000 }, revision: 2n, eventHash: linkHashOf(defined(e[1])) }),
    ],
    ['holds a state evolve rejects', (e) => ({ state: 'garbage', revision: 1n, eventHash: linkHashOf(defined(e[1])) })],
  ])('ignores a snapshot that %s and refolds from the start', async (_case, damaged) => {
    const s = streamId();
    await addMany(store, s, 3);
    await snapshots.save(s, 'total.v1', damaged(await store.readStream(s)));
    const result = await run(s, adder().decider, 1);
    expect(result.state).toEqual({ total: 4, count: 4 });
    expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n]);
  });

  it('answers as without a snapshot when the snapshot store fails', async () => {
    const failing: SnapshotStore = {
      load: () => Promise.reject(new Error('disk gone')),
      save: () => Promise.reject(new Error('disk gone')),
      close: () => Promise.resolve(),
    };
    const s = streamId();
    await addMany(store, s, 9);
    expect((await run(s, adder().decider, 1, { snapshots: failing })).state.total).toBe(10);
  });

  it('runs again on the fresh stream after losing a race, starting from the snapshot', async () => {
    const { decider } = adder();
    const s = streamId();
    await addMany(store, s, 9);
    await run(s, decider, 1);
    const seen: number[] = [];
    const result = await handleCommand(
      store,
      s,
      decider,
      async (state) => {
        seen.push(state.total);
        if (seen.length === 1) await addMany(store, s, 2); // a concurrent writer
        return 100;
      },
      context,
      { snapshots, snapshotEvery: 5 },
    );
    expect(seen).toEqual([10, 12]);
    expect(result).toMatchObject({ state: { total: 112, count: 13 }, nextRevision: 12n });
    expect((await store.readStream(s)).map((e) => e.data.by)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 100]);
  });

  it('chains every event onto the one before, whether the fold started at a snapshot or not', async () => {
    const { decider } = adder();
    const s = streamId();
    for (let i = 0; i < 23; i += 1) await run(s, decider, i + 1);
    await addMany(store, s, 1);
    for (let i = 0; i < 4; i += 1) await run(s, decider, 1);
    const found: AuditMismatch[] = [];
    const verifier = new ChainVerifier(store, null, (mismatch) => found.push(mismatch));
    for await (const event of store.readAll()) await verifier.check(event);
    expect(found).toEqual([]);
    expect(store.readsFrom.filter((from) => from > 0n).length).toBeGreaterThan(0);
  });

  it('decides nothing on a stream with an unchained event after chained ones, from a snapshot or not', async () => {
    const { decider } = adder();
    const s = streamId();
    for (let i = 0; i < 12; i += 1) await run(s, decider, 1);
    const raw = { id: randomUUID(), type: 'Added', data: { by: 1000 }, metadata: { ...context } }; // written by another tool
    await store.appendToStream(s, [raw], 'any');
    await expect(run(s, decider, 1)).rejects.toMatchObject({ name: 'StreamIntegrityError', kind: 'unchained', revision: 12n });
    await expect(run(s, decider, 1, { snapshots: new InMemorySnapshotStore() })).rejects.toMatchObject({ kind: 'unchained' });
    expect((await store.readStream(s)).length).toBe(13);
  });

  it('reads the whole stream every time for a decider without snapshotVersion', async () => {
    const { decider } = adder(null);
    const s = streamId();
    for (let i = 0; i < 8; i += 1) await run(s, decider, 1);
    expect(store.readsFrom.every((from) => from === 0n)).toBe(true);
  });
});
