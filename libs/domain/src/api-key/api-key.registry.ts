import { EventRegistry, registryDecoder, typesOf } from '../events/event-spec';
import { API_KEY_ROLES, ApiKeyEvent } from './api-key.events';

/** Upcast: `ApiKeyCreated.expiresAt` (keys created before expiry existed never expire: null). */
export const API_KEY_EVENT_REGISTRY = {
  ApiKeyCreated: {
    decode: (r) => ({
      keyId: r.string('keyId'),
      name: r.string('name'),
      role: r.oneOf('role', API_KEY_ROLES),
      secretHash: r.string('secretHash'),
      expiresAt: r.optionalNullableInstant('expiresAt'),
      at: r.instant('at'),
    }),
    auditFields: ['keyId', 'name', 'role', 'expiresAt', 'at'],
    lockout: 'NONE',
    integration: null,
  },
  ApiKeyRevoked: {
    decode: (r) => ({ keyId: r.string('keyId'), by: r.string('by'), at: r.instant('at') }),
    auditFields: ['keyId', 'by', 'at'],
    lockout: 'NONE',
    integration: null,
  },
} as const satisfies EventRegistry<ApiKeyEvent>;

export const API_KEY_EVENT_TYPES: readonly ApiKeyEvent['type'][] = typesOf<ApiKeyEvent>(API_KEY_EVENT_REGISTRY);

export const decodeApiKeyEvent = registryDecoder<ApiKeyEvent>(API_KEY_EVENT_REGISTRY);
