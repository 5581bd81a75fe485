import { EventRegistry, registryDecoder } from '../events/event-spec';
import type { LoginAttemptEvent } from './unknown-login-name.decider';

const LOCK_SCOPES = ['ADDRESS', 'ACCOUNT'] as const;

export const LOGIN_ATTEMPT_EVENT_REGISTRY = {
  UnknownLoginNameAttempted: {
    decode: (r) => ({
      attempt: r.integer('attempt'),
      addressKey: r.optionalNullableString('addressKey'),
      consecutiveFailures: r.optionalNullableInteger('consecutiveFailures'),
      windowStartedAt: r.optionalNullableInstant('windowStartedAt'),
      windowFailures: r.optionalNullableInteger('windowFailures'),
      at: r.instant('at'),
    }),
    auditFields: ['attempt', 'addressKey', 'consecutiveFailures', 'windowStartedAt', 'windowFailures', 'at'],
    lockout: 'NONE',
    integration: null,
  },
  UnknownLoginNameLocked: {
    decode: (r) => ({
      scope: r.oneOf('scope', LOCK_SCOPES),
      addressKey: r.nullableString('addressKey'),
      lockedUntil: r.instant('lockedUntil'),
      at: r.instant('at'),
    }),
    auditFields: ['scope', 'addressKey', 'lockedUntil', 'at'],
    lockout: 'NONE',
    integration: null,
  },
} as const satisfies EventRegistry<LoginAttemptEvent>;

export const decodeLoginAttemptEvent = registryDecoder<LoginAttemptEvent>(LOGIN_ATTEMPT_EVENT_REGISTRY);
