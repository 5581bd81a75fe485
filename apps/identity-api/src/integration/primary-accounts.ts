import { accountStream, primaryAccountOfRegistration, streamEntityId } from '@identity/domain';
import { EventStore, RecordedEvent } from '@identity/event-store';

/** How many accounts' answers are kept; beyond it the oldest is forgotten (and read again if needed). */
export const PRIMARY_ACCOUNTS_KEPT = 10_000;

/**
 * Which primary account each account belongs to (null: it is one), for `primaryaccountid` on
 * integration events. The answer is the account's AccountRegistered, which never changes, so it is
 * kept once known: learnt from the registrations the feed reads by, or read from the account's
 * stream the first time one of its events is published. Concurrent lookups of one account share
 * one read; a failed read is not kept, the next lookup reads again.
 */
export class PrimaryAccounts {
  private readonly known = new Map<string, Promise<string | null>>();

  constructor(
    private readonly store: EventStore,
    private readonly kept = PRIMARY_ACCOUNTS_KEPT,
  ) {}

  /** Notes the answer when `recorded` is an account's registration (so no read is needed later). */
  learn(recorded: RecordedEvent): void {
    if (recorded.type !== 'AccountRegistered') return;
    const accountId = streamEntityId(recorded.streamId);
    let primary: string | null | undefined;
    try {
      primary = primaryAccountOfRegistration(accountId, recorded);
    } catch {
      return; // A registration that does not decode is read (and refused) by `of`, as any lookup.
    }
    if (primary !== undefined) this.keep(accountId, Promise.resolve(primary));
  }

  /** The primary account of `accountId`, or null when it is a primary account (or has no registration). */
  of(accountId: string): Promise<string | null> {
    const known = this.known.get(accountId);
    if (known) return known;
    const reading = this.read(accountId);
    this.keep(accountId, reading);
    reading.catch(() => {
      if (this.known.get(accountId) === reading) this.known.delete(accountId);
    });
    return reading;
  }

  private async read(accountId: string): Promise<string | null> {
    for (const recorded of await this.store.readStream(accountStream(accountId))) {
      const primary = primaryAccountOfRegistration(accountId, recorded);
      if (primary !== undefined) return primary;
    }
    return null;
  }

  private keep(accountId: string, answer: Promise<string | null>): void {
    this.known.delete(accountId);
    this.known.set(accountId, answer);
    if (this.known.size > this.kept) {
      const oldest = this.known.keys().next();
      if (!oldest.done) this.known.delete(oldest.value);
    }
  }
}
