import { EventRegistry } from '../../events/event-spec';
import { Instant } from '../../shared/types';

/**
 * What a primary account decides for the logons under it (Alibaba Cloud's security settings of an
 * account: MFA for RAM users, `AllowUserToManageMFADevices`, `EnableSaveMFATicket`). Stored on the
 * primary account's own stream; a RAM user's handler reads its primary's.
 */
export type SecurityPreference = {
  /** Every RAM user must log on with a TOTP authenticator (one without is enrolled at its next logon). */
  ramUserMfaRequired: boolean;
  /** RAM users may change their own second factors (bind, rename, resync, remove, protection on/off). */
  ramUsersManageOwnDevices: boolean;
  /** For how many days a logon may remember its device so that later logons skip the code; null: off. */
  rememberDeviceDays: number | null;
};

/** What an account that never set one has: nothing required, devices self-managed, nothing remembered. */
export const DEFAULT_SECURITY_PREFERENCE: SecurityPreference = {
  ramUserMfaRequired: false,
  ramUsersManageOwnDevices: true,
  rememberDeviceDays: null,
};

/** The days "remember this device" lasts when it is turned on without a number (Alibaba's 7). */
export const DEFAULT_REMEMBER_DEVICE_DAYS = 7;
export const MIN_REMEMBER_DEVICE_DAYS = 1;
export const MAX_REMEMBER_DEVICE_DAYS = 30;

type Event<T extends string, D> = { type: T; data: D };

/** The whole preference after the change; `sessionId`: the primary's session that set it. */
export type SecurityPreferenceSet = Event<'SecurityPreferenceSet', SecurityPreference & { sessionId: string | null; at: Instant }>;

export type SecurityPreferenceEvent = SecurityPreferenceSet;

export const SECURITY_PREFERENCE_EVENT_SPECS = {
  SecurityPreferenceSet: {
    decode: (r) => ({
      ramUserMfaRequired: r.boolean('ramUserMfaRequired'),
      ramUsersManageOwnDevices: r.boolean('ramUsersManageOwnDevices'),
      rememberDeviceDays: r.nullableInteger('rememberDeviceDays'),
      sessionId: r.nullableString('sessionId'),
      at: r.instant('at'),
    }),
    lockout: 'NONE',
    integration: null,
    auditFields: ['ramUserMfaRequired', 'ramUsersManageOwnDevices', 'rememberDeviceDays', 'sessionId', 'at'],
  },
} as const satisfies EventRegistry<SecurityPreferenceEvent>;
