import { EventRegistry, registryDecoder } from '../events/event-spec';
import { RAM_USER_REMOVAL_REASONS, RamUsersEvent } from './ram-users.events';

export const RAM_USERS_EVENT_REGISTRY = {
  RamUserAdded: {
    decode: (r) => ({ accountId: r.string('accountId'), loginName: r.string('loginName'), at: r.instant('at') }),
    auditFields: ['accountId', 'loginName', 'at'],
    lockout: 'NONE',
    integration: null,
  },
  RamUserRemoved: {
    decode: (r) => ({ accountId: r.string('accountId'), reason: r.oneOf('reason', RAM_USER_REMOVAL_REASONS), at: r.instant('at') }),
    auditFields: ['accountId', 'reason', 'at'],
    lockout: 'NONE',
    integration: null,
  },
  RamUsersClosed: {
    decode: (r) => ({ at: r.instant('at') }),
    auditFields: ['at'],
    lockout: 'NONE',
    integration: null,
  },
} as const satisfies EventRegistry<RamUsersEvent>;

export const decodeRamUsersEvent = registryDecoder<RamUsersEvent>(RAM_USERS_EVENT_REGISTRY);
