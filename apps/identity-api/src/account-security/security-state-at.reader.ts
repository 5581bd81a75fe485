import { Inject, Injectable } from '@nestjs/common';
import { ACCOUNT_EVENT_TYPES, accountStream, AccountSecurityView, applyToSecurityView, decodeAccountEvent } from '@identity/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@identity/event-store';
import { yieldToEventLoop } from '../infrastructure/yield-to-event-loop';

const KNOWN_TYPES = new Set<string>(ACCOUNT_EVENT_TYPES);

export interface SecurityStateAt {
  /** The account's primary account, if it is a RAM user: for the permission check. */
  primaryAccountId: string | null;
  /** The security view as it was at the instant; `null` before the account was registered. */
  view: AccountSecurityView | null;
}

/**
 * Folds an account stream, in stream order, up to `at`: the longest prefix of events whose `data.at`
 * is at or before it, through `applyToSecurityView`, the same fold as `account_security.v3`. The fold
 * stops at the first later event, so a clock that stepped back never yields a state that never was.
 */
export function securityViewAt(events: readonly RecordedEvent[], at: Date): AccountSecurityView | null {
  const until = at.getTime();
  let view: AccountSecurityView | null = null;
  for (const recorded of events) {
    const occurredAt = typeof recorded.data.at === 'string' ? Date.parse(recorded.data.at) : recorded.recordedAt.getTime();
    if (!(occurredAt <= until)) break;
    if (!KNOWN_TYPES.has(recorded.type)) continue;
    view = applyToSecurityView(view, decodeAccountEvent(recorded.type, recorded.data));
  }
  return view;
}

/** The point-in-time security state, read from the event store itself (not from a read model). */
@Injectable()
export class SecurityStateAtReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async stateAt(accountId: string, at: Date): Promise<SecurityStateAt> {
    await yieldToEventLoop();
    const events = await this.store.readStream(accountStream(accountId));
    const registered = events.find((event) => event.type === 'AccountRegistered');
    const primary = registered?.data.primaryAccountId;
    return {
      primaryAccountId: typeof primary === 'string' ? primary : null,
      view: securityViewAt(events, at),
    };
  }
}
