import { IntegrationEvent } from './integration-event.types';
import { Instant } from '../shared/types';
import { fieldReader, FieldReader, StoredData } from './field-reader';
import { MalformedEventError } from './malformed-event.error';

export type EventShape = { type: string; data: { at: Instant } };

/** How an event type counts towards an account's lockout. */
export type LockoutRole = 'FAILURE' | 'SUCCESS_RESET' | 'NONE';

/** A stored domain event with what the integration mapping needs of its envelope. */
export interface IntegrationSource {
  id: string;
  entityId: string;
  position: string;
  time: Instant;
}

/** What one event type is: how to read it, what auditors see, how it counts, what it publishes. */
export interface EventSpec<E extends EventShape> {
  /** Validates and upcasts stored JSON (a missing field of an old shape gets its default). */
  decode(read: FieldReader): E['data'];
  /** The data fields audit rows and exports show; any other non-null field is `[redacted]`. */
  auditFields: readonly (keyof E['data'] & string)[];
  lockout: LockoutRole;
  /** The integration events it stands for; null: internal only. */
  integration: ((event: E, source: IntegrationSource) => IntegrationEvent[]) | null;
  /** For a refused attempt: the answer the caller hears once it is appended (see account-outcome.ts). */
  refusal?: Refusal;
}

export type Refusal = 'ACCOUNT_LOCKED' | 'INVALID_CREDENTIALS' | 'INVALID_CODE';

/** One spec per event type of a stream category; `satisfies` makes a missing or unknown type a compile error. */
export type EventRegistry<E extends EventShape> = { [T in E['type']]: EventSpec<Extract<E, { type: T }>> };

/** The loosest view of any registry's spec, for lookups by a stored type string. */
export interface AnyEventSpec {
  decode(read: FieldReader): { at: Instant };
  auditFields: readonly string[];
  lockout: LockoutRole;
  integration: ((event: never, source: IntegrationSource) => IntegrationEvent[]) | null;
  refusal?: Refusal;
}

/** The decode of one category: a stored type and its JSON to a typed event, or MalformedEventError. */
export function registryDecoder<E extends EventShape>(registry: EventRegistry<E>): (type: string, data: StoredData) => E {
  const specs = registry as unknown as Record<string, AnyEventSpec | undefined>;
  return (type, data) => {
    const spec = Object.prototype.hasOwnProperty.call(specs, type) ? specs[type] : undefined;
    if (spec === undefined) throw new MalformedEventError(type, 'type', 'is not an event type of this stream category');
    return { type, data: spec.decode(fieldReader(type, data)) } as unknown as E;
  };
}

export function typesOf<E extends EventShape>(registry: EventRegistry<E>): E['type'][] {
  return Object.keys(registry) as E['type'][];
}
