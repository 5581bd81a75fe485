import { EventRegistry, registryDecoder } from '../events/event-spec';
import type { LoginAttemptEvent } from './unknown-login-name.decider';

export const LOGIN_ATTEMPT_EVENT_REGISTRY = {
  UnknownLoginNameAttempted: {
    decode: (r) => ({ attempt: r.integer('attempt'), at: r.instant('at') }),
    auditFields: ['attempt', 'at'],
    lockout: 'NONE',
    integration: null,
  },
} as const satisfies EventRegistry<LoginAttemptEvent>;

export const decodeLoginAttemptEvent = registryDecoder<LoginAttemptEvent>(LOGIN_ATTEMPT_EVENT_REGISTRY);
