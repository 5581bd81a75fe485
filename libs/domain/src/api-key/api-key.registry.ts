import { EventRegistry, registryDecoder } from '../events/event-spec';
import { API_KEY_ROLES, ApiKeyEvent } from './api-key.events';

export const API_KEY_EVENT_REGISTRY = {
  ApiKeyCreated: {
    decode: (r) => ({
      keyId: r.string('keyId'),
      name: r.string('name'),
      role: r.oneOf('role', API_KEY_ROLES),
      secretHash: r.string('secretHash'),
      at: r.instant('at'),
    }),
    auditFields: ['keyId', 'name', 'role', 'at'],
    lockout: 'NONE',
    integration: null,
  },
} as const satisfies EventRegistry<ApiKeyEvent>;

export const decodeApiKeyEvent = registryDecoder<ApiKeyEvent>(API_KEY_EVENT_REGISTRY);
