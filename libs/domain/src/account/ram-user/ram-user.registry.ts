import { EventRegistry } from '../../events/event-spec';
import { ACCOUNT_DISABLED_REASONS, RamUserAccountEvent } from './ram-user.events';

/** The RAM-user events of the account stream; spread into ACCOUNT_EVENT_REGISTRY. */
export const RAM_USER_ACCOUNT_EVENT_REGISTRY = {
  RamUserSettingsChanged: {
    decode: (r) => ({
      displayName: r.string('displayName'),
      mfaRequired: r.boolean('mfaRequired'),
      passwordResetRequired: r.boolean('passwordResetRequired'),
      at: r.instant('at'),
    }),
    lockout: 'NONE',
    integration: null,
    auditFields: ['displayName', 'mfaRequired', 'passwordResetRequired', 'at'],
  },
  AccountDisabled: {
    decode: (r) => ({ reason: r.oneOf('reason', ACCOUNT_DISABLED_REASONS), at: r.instant('at') }),
    lockout: 'NONE',
    integration: null,
    auditFields: ['reason', 'at'],
  },
  AccountEnabled: {
    decode: (r) => ({ at: r.instant('at') }),
    lockout: 'NONE',
    integration: null,
    auditFields: ['at'],
  },
} as const satisfies EventRegistry<RamUserAccountEvent>;
