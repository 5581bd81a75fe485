import { EventRegistry, registryDecoder } from '../events/event-spec';
import type { LoginNameEvent } from './login-name.decider';

export const LOGIN_NAME_EVENT_REGISTRY = {
  LoginNameClaimed: {
    decode: (r) => ({ loginName: r.string('loginName'), accountId: r.string('accountId'), at: r.instant('at') }),
    auditFields: ['loginName', 'accountId', 'at'],
    lockout: 'NONE',
    integration: null,
  },
} as const satisfies EventRegistry<LoginNameEvent>;

export const decodeLoginNameEvent = registryDecoder<LoginNameEvent>(LOGIN_NAME_EVENT_REGISTRY);
