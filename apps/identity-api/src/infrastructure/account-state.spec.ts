import { randomUUID } from 'node:crypto';
import { accountDecider, accountStream, DEFAULT_SECURITY_POLICY } from '@identity/domain';
import {
  DEFAULT_SNAPSHOT_EVERY,
  EventStoreUnavailableError,
  handleCommand,
  InMemoryEventStore,
  InMemorySnapshotStore,
} from '@identity/event-store';
import { registerAccountCommand } from '@identity/testing';
import { loadAccountState } from './account-state';

const meta = { correlationId: 'c', causationId: null, actor: null, ip: null, userAgent: null };
const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const now = () => new Date().toISOString();

async function register(store: InMemoryEventStore, accountId: string, loginName = 'alice'): Promise<void> {
  await handleCommand(store, accountStream(accountId), decider, () => registerAccountCommand(accountId, loginName, now()), meta);
}

/** A logon appended as another instance would: straight to the store. */
async function logon(store: InMemoryEventStore, accountId: string): Promise<string> {
  const sessionId = randomUUID();
  await handleCommand(
    store,
    accountStream(accountId),
    decider,
    () => ({
      type: 'Login' as const,
      now: now(),
      passwordValid: true,
      sessionId,
      challengeId: randomUUID(),
      challengeCodeHash: null,
    }),
    meta,
  );
  return sessionId;
}

/** A new store with one registered account, and the snapshot store its live states are kept for. */
async function registeredAccount(): Promise<{ store: InMemoryEventStore; snapshots: InMemorySnapshotStore; accountId: string }> {
  const store = new InMemoryEventStore();
  const accountId = randomUUID();
  await register(store, accountId);
  return { store, snapshots: new InMemorySnapshotStore(), accountId };
}

describe('loadAccountState and the live states it keeps', () => {
  it('reads only the events after the state it folded last, and sees every one appended since', async () => {
    const { store, snapshots, accountId } = await registeredAccount();
    const first = await logon(store, accountId);
    expect(Object.keys((await loadAccountState(store, snapshots, accountId)).sessions)).toEqual([first]);
    const reads = jest.spyOn(store, 'readStream');
    const second = await logon(store, accountId);
    reads.mockClear();
    const state = await loadAccountState(store, snapshots, accountId);
    expect(Object.keys(state.sessions).sort()).toEqual([first, second].sort());
    expect(reads).toHaveBeenCalledTimes(1);
    expect(reads.mock.calls[0]?.[1]).toBe(1n); // from the last folded event (revision 1) on, not from the start
    await store.close();
  });

  it('answers from the live state without reading the stream while its last event is the one folded', async () => {
    const { store, snapshots, accountId } = await registeredAccount();
    const session = await logon(store, accountId);
    const folded = await loadAccountState(store, snapshots, accountId);
    const reads = jest.spyOn(store, 'readStream');
    const tips = jest.spyOn(store, 'streamTip');
    expect(await loadAccountState(store, snapshots, accountId)).toBe(folded);
    expect(reads).not.toHaveBeenCalled();
    expect(tips).toHaveBeenCalledTimes(1);
    // An append by anyone moves the tip: the next load reads it.
    const second = await logon(store, accountId);
    reads.mockClear();
    expect(Object.keys((await loadAccountState(store, snapshots, accountId)).sessions).sort()).toEqual([session, second].sort());
    expect(reads).toHaveBeenCalledTimes(1);
    await store.close();
  });

  it('reads the stream when the store cannot tell its tip or fails to, and answers unavailable at once', async () => {
    const { store, snapshots, accountId } = await registeredAccount();
    await loadAccountState(store, snapshots, accountId);
    const reads = jest.spyOn(store, 'readStream');
    jest.spyOn(store, 'streamTip').mockRejectedValueOnce(new Error('disk I/O error'));
    expect((await loadAccountState(store, snapshots, accountId)).loginName).toBe('alice');
    expect(reads).toHaveBeenCalledTimes(1);
    // Unavailable is the answer at once, not after a second try by the full read.
    jest.spyOn(store, 'streamTip').mockRejectedValueOnce(new EventStoreUnavailableError('the store is down'));
    await expect(loadAccountState(store, snapshots, accountId)).rejects.toBeInstanceOf(EventStoreUnavailableError);
    expect(reads).toHaveBeenCalledTimes(1);
    const withoutTip = new Proxy(store, { get: (target, key) => (key === 'streamTip' ? undefined : Reflect.get(target, key)) });
    expect((await loadAccountState(withoutTip, snapshots, accountId)).loginName).toBe('alice');
    expect(reads).toHaveBeenCalledTimes(2);
    await store.close();
  });

  it('refolds from the start when the event at the kept revision is not the one it folded', async () => {
    const snapshots = new InMemorySnapshotStore();
    const accountId = randomUUID();
    const before = new InMemoryEventStore();
    await register(before, accountId, 'alice');
    expect((await loadAccountState(before, snapshots, accountId)).loginName).toBe('alice');
    // The same stream with other events (a restored or rewritten store): the kept state must not be trusted.
    const after = new InMemoryEventStore();
    await register(after, accountId, 'bob');
    expect((await loadAccountState(after, snapshots, accountId)).loginName).toBe('bob');
    await before.close();
    await after.close();
  });

  it('still saves the persisted snapshot once enough events were folded, across loads', async () => {
    const store = new InMemoryEventStore();
    const snapshots = new InMemorySnapshotStore();
    const every = DEFAULT_SNAPSHOT_EVERY; // the in-memory store sets no saveEvery of its own
    const saves = jest.spyOn(snapshots, 'save');
    const accountId = randomUUID();
    await register(store, accountId);
    await loadAccountState(store, snapshots, accountId);
    for (let i = 1; i < every; i += 1) {
      await logon(store, accountId);
      await loadAccountState(store, snapshots, accountId);
    }
    expect(saves).toHaveBeenCalledTimes(1); // `every` events folded in all, one at a time
    expect(saves.mock.calls[0]?.[2].revision).toBe(BigInt(every - 1));
    await store.close();
  });
});
