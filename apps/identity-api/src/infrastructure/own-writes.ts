import { STREAM_CATEGORIES, streamCategory, streamEntityId } from '@identity/domain';
import { comparePositions, EventStore, NewEvent, Position } from '@identity/event-store';

/** How many accounts' recent writes a process keeps; the one written longest ago is forgotten first. */
export const OWN_WRITES_KEPT = 10_000;

/** Of one account: the last position this process appended to each stream that concerns it. */
export type AccountWrites = ReadonlyMap<string, Position>;

const ACCOUNT_CATEGORIES: ReadonlySet<string> = new Set([STREAM_CATEGORIES.account, STREAM_CATEGORIES.ramUsers]);
const PERSON_ACTOR = 'account:';

/**
 * The accounts a write concerns: the account whose stream it is (`account-<id>`, and a primary's
 * membership `ramusers-<id>`) and the person who made it (the events' `actor`), so that a primary's
 * change to its RAM user is that primary's own write too.
 */
export function accountsOfWrite(streamId: string, events: readonly NewEvent[]): string[] {
  const accounts = new Set<string>();
  if (ACCOUNT_CATEGORIES.has(streamCategory(streamId))) accounts.add(streamEntityId(streamId));
  for (const event of events) {
    const actor = event.metadata.actor;
    if (typeof actor === 'string' && actor.startsWith(PERSON_ACTOR)) accounts.add(actor.slice(PERSON_ACTOR.length));
  }
  return [...accounts];
}

/**
 * What this process appended lately, by account: what a person's next read waits for the read
 * models to have applied (read-your-writes, docs/api.md). Each account's entry is replaced, never
 * changed, so a reader can tell whether a write came in while it waited.
 */
export class OwnWrites {
  private readonly byAccount = new Map<string, AccountWrites>();

  constructor(private readonly capacity = OWN_WRITES_KEPT) {}

  get size(): number {
    return this.byAccount.size;
  }

  note(streamId: string, events: readonly NewEvent[], position: Position): void {
    for (const accountId of accountsOfWrite(streamId, events)) {
      const previous = this.byAccount.get(accountId);
      const next = new Map(previous ?? []);
      const known = next.get(streamId);
      if (!known || comparePositions(position, known) > 0) next.set(streamId, position);
      this.byAccount.delete(accountId);
      this.byAccount.set(accountId, next);
      if (this.byAccount.size > this.capacity) {
        const oldest = this.byAccount.keys().next();
        if (!oldest.done) this.byAccount.delete(oldest.value);
      }
    }
  }

  of(accountId: string): AccountWrites | undefined {
    return this.byAccount.get(accountId);
  }

  /** Forgets the account's writes once all were applied, unless another came in since `seen` was read. */
  forget(accountId: string, seen: AccountWrites): void {
    if (this.byAccount.get(accountId) === seen) this.byAccount.delete(accountId);
  }
}

/** The last of `writes` to a stream one of `prefixes` covers. */
export function latestUnder(writes: AccountWrites, prefixes: readonly string[]): Position | undefined {
  let latest: Position | undefined;
  for (const [streamId, position] of writes) {
    if (!prefixes.some((prefix) => streamId.startsWith(prefix))) continue;
    if (!latest || comparePositions(position, latest) > 0) latest = position;
  }
  return latest;
}

/** The store as it is, except that every acknowledged append is noted in `writes` (its `instanceof` and other methods unchanged). */
export function recordingOwnWrites<S extends EventStore>(store: S, writes: OwnWrites): S {
  const appendToStream: EventStore['appendToStream'] = async (streamId, events, expected) => {
    const result = await store.appendToStream(streamId, events, expected);
    writes.note(streamId, events, result.position);
    return result;
  };
  return new Proxy(store, {
    get: (target, property, receiver) =>
      property === 'appendToStream' ? appendToStream : (Reflect.get(target, property, receiver) as unknown),
  });
}
