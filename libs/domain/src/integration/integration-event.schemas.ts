import { PROTECTION_SCENES, VERIFICATION_METHODS } from '../shared/types';
import { INTEGRATION_EVENT_SOURCE, INTEGRATION_EVENT_TYPES, IntegrationEventType } from '../events/integration-event.types';

/** A JSON Schema (draft 2020-12) as plain data. */
export type JsonSchema = { [keyword: string]: unknown };

const accountId: JsonSchema = { type: 'string', minLength: 1 };
const instant: JsonSchema = { type: 'string', format: 'date-time' };
const method: JsonSchema = { enum: [...VERIFICATION_METHODS] };
const scenes: JsonSchema = { type: 'array', items: { enum: [...PROTECTION_SCENES] }, uniqueItems: true };

const object = (properties: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  required: Object.keys(properties),
  additionalProperties: false,
  properties,
});

/** The same object schema with further properties that may be absent. */
const withOptional = (schema: JsonSchema, optional: Record<string, JsonSchema>): JsonSchema => ({
  ...schema,
  properties: { ...(schema.properties as Record<string, JsonSchema>), ...optional },
});

/** The `data` of each type. Every field is always present (null where the table says so), but `previous` of protection.changed. */
export const INTEGRATION_EVENT_DATA_SCHEMAS: Record<IntegrationEventType, JsonSchema> = {
  'identity.mfa.enabled.v1': object({ accountId, method, scenes: { ...scenes, minItems: 1 } }),
  'identity.mfa.disabled.v1': object({ accountId, method }),
  'identity.protection.changed.v1': withOptional(
    object({
      accountId,
      protectionEnabled: { type: 'boolean' },
      method: { enum: [...VERIFICATION_METHODS, null] },
      scenes,
    }),
    // Only when protection changed while it stayed on (ProtectionChanged): what was in force before.
    { previous: object({ method, scenes: { ...scenes, minItems: 1 } }) },
  ),
  'identity.account.locked.v1': object({
    accountId,
    lockedUntil: { type: ['string', 'null'], format: 'date-time' },
    consecutiveFailures: { type: 'integer', minimum: 1 },
  }),
  'identity.account.unlocked.v1': object({ accountId, reason: { enum: ['LOCK_EXPIRED', 'ADMIN_RESET', 'RECOVERED'] } }),
  'identity.login.succeeded.v1': object({ accountId, method: { enum: ['PASSWORD', ...VERIFICATION_METHODS] } }),
  'identity.login.failed.v1': object({
    accountId,
    step: { enum: ['PASSWORD', 'SECOND_FACTOR'] },
    reason: { enum: ['WRONG_PASSWORD', 'WRONG_CODE', 'REPLAYED_CODE', 'EXPIRED', 'UNKNOWN_CHALLENGE', 'ACCOUNT_LOCKED'] },
    consecutiveFailures: { type: ['integer', 'null'], minimum: 1 },
    lockedUntil: { type: ['string', 'null'], format: 'date-time' },
  }),
  'identity.mfa.recovery_code.used.v1': object({
    accountId,
    purpose: { enum: ['LOGIN', 'STEP_UP', 'RESET_PASSWORD'] },
    remaining: { type: 'integer', minimum: 0 },
  }),
  'identity.mfa.recovery_codes.regenerated.v1': object({ accountId, count: { type: 'integer', minimum: 1 } }),
  'identity.account.erased.v1': object({ accountId, by: { enum: ['SELF', 'ADMIN', 'PRIMARY'] } }),
};

/** The whole CloudEvent of a type, as a webhook body or a `securityEvents` item carries it. */
export function integrationEventSchema(type: IntegrationEventType): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:identity-service:events:${type}`,
    title: type,
    type: 'object',
    required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'position', 'data'],
    properties: {
      specversion: { const: '1.0' },
      id: { type: 'string', minLength: 1 },
      source: { const: INTEGRATION_EVENT_SOURCE },
      type: { const: type },
      subject: { type: 'string', minLength: 1, description: 'the account id' },
      time: instant,
      datacontenttype: { const: 'application/json' },
      position: { type: 'string', pattern: '^[0-9]+(:[0-9]+)?$', description: 'the store position of the domain event' },
      primaryaccountid: {
        type: 'string',
        minLength: 1,
        description: "only on a RAM user's events: its primary account's id",
      },
      data: INTEGRATION_EVENT_DATA_SCHEMAS[type],
    },
  };
}

export const INTEGRATION_EVENT_SCHEMAS: ReadonlyArray<{ type: IntegrationEventType; schema: JsonSchema }> = INTEGRATION_EVENT_TYPES.map(
  (type) => ({ type, schema: integrationEventSchema(type) }),
);
