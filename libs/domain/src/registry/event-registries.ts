import { API_KEY_EVENT_REGISTRY } from '../api-key/api-key.registry';
import { AUDIT_DIGEST_CATEGORY, AUDIT_DIGEST_EVENT_REGISTRY } from '../audit-digest/audit-digest.registry';
import { LOGIN_ATTEMPT_EVENT_REGISTRY } from '../login-attempt/login-attempt.registry';
import { LOGIN_NAME_EVENT_REGISTRY } from '../login-name/login-name.registry';
import { STREAM_CATEGORIES, streamCategory } from '../shared/stream-names';
import { WEBHOOK_EVENT_REGISTRY } from '../webhook/webhook.registry';
import { ACCOUNT_EVENT_REGISTRY } from '../account/account.registry';
import { RAM_USERS_EVENT_REGISTRY } from '../ram-users/ram-users.registry';
import { AnyEventSpec } from '../events/event-spec';

type Category = (typeof STREAM_CATEGORIES)[keyof typeof STREAM_CATEGORIES];

/**
 * The registry of each stream category this service writes; a category without one does not
 * compile. The audit digests (written by the event store's audit chain) have one too, so that
 * exports show them.
 */
export const EVENT_REGISTRIES = {
  [STREAM_CATEGORIES.account]: ACCOUNT_EVENT_REGISTRY,
  [STREAM_CATEGORIES.loginName]: LOGIN_NAME_EVENT_REGISTRY,
  [STREAM_CATEGORIES.apiKey]: API_KEY_EVENT_REGISTRY,
  [STREAM_CATEGORIES.webhook]: WEBHOOK_EVENT_REGISTRY,
  [STREAM_CATEGORIES.loginAttempt]: LOGIN_ATTEMPT_EVENT_REGISTRY,
  [STREAM_CATEGORIES.ramUsers]: RAM_USERS_EVENT_REGISTRY,
  [AUDIT_DIGEST_CATEGORY]: AUDIT_DIGEST_EVENT_REGISTRY,
} as const satisfies Record<Category | typeof AUDIT_DIGEST_CATEGORY, object>;

function specsOf(registry: object): Record<string, AnyEventSpec | undefined> {
  return registry as Record<string, AnyEventSpec | undefined>;
}

/** The registry of a stream's category (by stream id), or null for a stream this service does not write. */
export function registryOfStream(streamId: string): Record<string, AnyEventSpec | undefined> | null {
  const category = streamCategory(streamId);
  return Object.prototype.hasOwnProperty.call(EVENT_REGISTRIES, category)
    ? specsOf(EVENT_REGISTRIES[category as keyof typeof EVENT_REGISTRIES])
    : null;
}

/** The spec of a type in a stream's category, or null (another category's type, an unknown one, an unknown stream). */
export function eventSpecOfStream(streamId: string, type: string): AnyEventSpec | null {
  const registry = registryOfStream(streamId);
  return registry !== null && Object.prototype.hasOwnProperty.call(registry, type) ? (registry[type] ?? null) : null;
}

/** Event type names are unique across categories, so a type alone finds its spec. */
const SPECS_BY_TYPE: ReadonlyMap<string, AnyEventSpec> = new Map(
  Object.values(EVENT_REGISTRIES).flatMap((registry) =>
    Object.entries(specsOf(registry)).flatMap(([type, spec]) => (spec ? [[type, spec] as const] : [])),
  ),
);

/** The spec of any event type this service writes, or null for a type it does not know. */
export function eventSpecFor(type: string): AnyEventSpec | null {
  return SPECS_BY_TYPE.get(type) ?? null;
}

/** Every event type this service writes, in all categories. */
export const ALL_EVENT_TYPES: readonly string[] = [...SPECS_BY_TYPE.keys()];
