import { Instant } from '../shared/types';
import { unexpired } from '../shared/expiry';
import { AccountState } from './account.state';
import { LogonAidEvent } from './logon-aid.events';
import { evolveRememberedDevices } from './remembered-devices/remembered-devices';

/** Pending logon enrollments and password change tickets an account keeps (the newest): parallel logons cannot grow the state. */
export const MAX_PENDING_LOGON_STEPS = 5;

/** Folds the logon aids' events (logon-aid.events.ts). */
export function evolveLogonAid(state: AccountState, event: LogonAidEvent): AccountState {
  switch (event.type) {
    case 'SecurityPreferenceSet': {
      const { ramUserMfaRequired, ramUsersManageOwnDevices, rememberDeviceDays } = event.data;
      return { ...state, securityPreference: { ramUserMfaRequired, ramUsersManageOwnDevices, rememberDeviceDays } };
    }
    case 'DeviceRemembered':
    case 'RememberedDeviceUsed':
    case 'RememberedDevicesRevoked':
      return { ...state, ...evolveRememberedDevices(state, event) };
    case 'LogonEnrollmentStarted': {
      const { enrollmentId, secret, expiresAt, addressKey, at } = event.data;
      const enrollment = { secret, expiresAt, addressKey, acceptedTimeStep: null, startedAt: at };
      return { ...state, logonEnrollments: newest({ ...state.logonEnrollments, [enrollmentId]: enrollment }) };
    }
    case 'PasswordChangeTicketIssued': {
      const { ticketId, expiresAt, addressKey, at } = event.data;
      return {
        ...state,
        passwordChangeTickets: newest({ ...state.passwordChangeTickets, [ticketId]: { expiresAt, addressKey, startedAt: at } }),
      };
    }
    case 'PasswordChangeTicketUsed':
      // The requirement is met: no ticket is good for another change.
      return { ...state, passwordResetRequired: false, passwordChangeTickets: {} };
    case 'MfaResetByPrimary':
      // The TotpUnbound, ProtectionDisabled and SessionsEnded after it remove the rest.
      return { ...state, recoveryCodes: null, rememberedDevices: {}, logonEnrollments: {}, enrollments: {} };
  }
}

/** The pending steps still alive at `at` (every event's fold calls it, with that event's time). */
export function liveLogonAids(state: AccountState, at: Instant): Partial<AccountState> {
  return {
    logonEnrollments: unexpired(state.logonEnrollments, at),
    passwordChangeTickets: unexpired(state.passwordChangeTickets, at),
    rememberedDevices: unexpired(state.rememberedDevices, at),
  };
}

function newest<T extends { startedAt: Instant }>(items: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(items)
      .sort(([, a], [, b]) => b.startedAt.localeCompare(a.startedAt))
      .slice(0, MAX_PENDING_LOGON_STEPS),
  );
}
