import { ACCOUNT_DECODERS } from '../account/account.decoders';
import { fieldReader, StoredData } from '../events/field-reader';
import { eventSpecOfStream } from '../registry/event-registries';
import { accountStream, streamEntityId } from '../shared/stream-names';
import { Instant } from '../shared/types';
import { IntegrationEvent } from '../events/integration-event.types';

export { PROTECTION_CHANGED_ID_SUFFIX } from '../account/account-integration';

/** A domain event as the store recorded it, with its position in text form (`positionToString`). */
export interface StoredDomainEvent {
  id: string;
  streamId: string;
  type: string;
  data: Record<string, unknown>;
  position: string;
  recordedAt: Instant;
}

/**
 * The integration events one stored domain event stands for, as its type's registry entry says:
 * none (most events are internal, and a stream or type this service does not write publishes
 * nothing), one, or two (`ProtectionEnabled`, `ProtectionDisabled`). The stored data is decoded
 * first (MalformedEventError when it does not fit its type). Pure: same input, same output, so a
 * replay gives the same events with the same ids.
 */
export function toIntegrationEvents(stored: StoredDomainEvent): IntegrationEvent[] {
  const spec = eventSpecOfStream(stored.streamId, stored.type);
  if (spec === null || spec.integration === null) return [];
  const data = spec.decode(fieldReader(stored.type, stored.data));
  const source = { id: stored.id, entityId: streamEntityId(stored.streamId), position: stored.position, time: data.at };
  const map = spec.integration as (event: { type: string; data: unknown }, s: typeof source) => IntegrationEvent[];
  return map({ type: stored.type, data }, source);
}

/**
 * A RAM user's integration events with its primary account's id as the CloudEvents extension
 * `primaryaccountid`; a primary account's (`primaryAccountId` null) as they are, without it.
 */
export function withPrimaryAccount(events: IntegrationEvent[], primaryAccountId: string | null): IntegrationEvent[] {
  if (primaryAccountId === null) return events;
  return events.map((event) => ({ ...event, primaryaccountid: primaryAccountId }));
}

/**
 * The primary account an account's registration names (null: it is a primary account itself), or
 * undefined when `stored` is not the AccountRegistered of account `accountId`. The hierarchy is
 * fixed at registration (docs/adr/0008-ram-users.md), so this one event says it for good.
 */
export function primaryAccountOfRegistration(
  accountId: string,
  stored: { streamId: string; type: string; data: StoredData },
): string | null | undefined {
  if (stored.type !== 'AccountRegistered' || stored.streamId !== accountStream(accountId)) return undefined;
  return ACCOUNT_DECODERS.AccountRegistered(fieldReader(stored.type, stored.data)).primaryAccountId;
}
