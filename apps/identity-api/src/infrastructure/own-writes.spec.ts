import { randomUUID } from 'node:crypto';
import { accountStream, loginNameStream, ramUsersStream } from '@identity/domain';
import { InMemoryEventStore, NewEvent, Position, WrongExpectedRevisionError } from '@identity/event-store';
import { accountsOfWrite, latestUnder, OwnWrites, recordingOwnWrites } from './own-writes';

const by = (actor: string | null): NewEvent => ({
  id: randomUUID(),
  type: 'Something',
  data: {},
  metadata: { correlationId: 'c', causationId: null, actor, ip: null, userAgent: null },
});
const at = (commit: number): Position => ({ commit: BigInt(commit), prepare: BigInt(commit) });

describe('own writes', () => {
  it('concern the account of the stream and the person who acted, not an API key', () => {
    expect(accountsOfWrite(accountStream('ram-1'), [by('account:primary-1')])).toEqual(['ram-1', 'primary-1']);
    expect(accountsOfWrite(ramUsersStream('primary-1'), [by('account:primary-1')])).toEqual(['primary-1']);
    expect(accountsOfWrite(loginNameStream('alice'), [by(null)])).toEqual([]);
    expect(accountsOfWrite(loginNameStream('alice'), [by('apikey:k-1')])).toEqual([]);
  });

  it('keep the last position of each stream, replace the entry on each write and forget it only unchanged', () => {
    const writes = new OwnWrites();
    writes.note(accountStream('a'), [by('account:a')], at(5));
    writes.note(loginNameStream('x'), [by('account:a')], at(7));
    const seen = writes.of('a');
    expect(seen && latestUnder(seen, ['account-'])).toEqual(at(5));
    expect(seen && latestUnder(seen, ['account-', 'loginname-'])).toEqual(at(7));
    expect(seen && latestUnder(seen, ['webhook-'])).toBeUndefined();
    writes.note(accountStream('a'), [by('account:a')], at(9));
    writes.forget('a', seen as NonNullable<typeof seen>);
    expect(writes.of('a') && latestUnder(writes.of('a') as NonNullable<typeof seen>, ['account-'])).toEqual(at(9));
    writes.forget('a', writes.of('a') as NonNullable<typeof seen>);
    expect(writes.of('a')).toBeUndefined();
  });

  it('keep at most their capacity of accounts, forgetting the one written longest ago', () => {
    const writes = new OwnWrites(3);
    for (const id of ['a', 'b', 'c', 'd']) writes.note(accountStream(id), [by(null)], at(1));
    expect(writes.size).toBe(3);
    expect(writes.of('a')).toBeUndefined();
    expect(writes.of('d')).toBeDefined();
  });

  it('are noted by the store for acknowledged appends only, the store otherwise unchanged', async () => {
    const writes = new OwnWrites();
    const store = recordingOwnWrites(new InMemoryEventStore(), writes);
    expect(store).toBeInstanceOf(InMemoryEventStore);
    const appended = await store.appendToStream(accountStream('a'), [by('account:a')], 'no_stream');
    expect(writes.of('a')?.get(accountStream('a'))).toEqual(appended.position);
    await expect(store.appendToStream(accountStream('b'), [by('account:b')], 3n)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(writes.of('b')).toBeUndefined();
    expect(await store.readStream(accountStream('a'))).toHaveLength(1);
  });
});
