import { Encrypted, Instant } from '../shared/types';
import { DEFAULT_SECURITY_PREFERENCE, SecurityPreference } from './security-preference/security-preference.events';

/** A remembered device: the keyed hash of its token, and until when it skips the logon's code. */
export interface RememberedDevice {
  tokenHash: string;
  rememberedAt: Instant;
  expiresAt: Instant;
  lastUsedAt: Instant | null;
}

/** A logon's forced enrollment (LogonEnrollmentStarted); `acceptedTimeStep` once its pair of codes is accepted. */
export interface LogonEnrollment {
  secret: Encrypted;
  expiresAt: Instant;
  addressKey: string | null;
  acceptedTimeStep: number | null;
  startedAt: Instant;
}

/** A logon's ticket to set the password it must change (PasswordChangeTicketIssued). */
export interface PasswordChangeTicket {
  expiresAt: Instant;
  addressKey: string | null;
  startedAt: Instant;
}

/** The part of AccountState the logon aids keep (docs/ram-users.md, docs/security.md); they also read the RAM user's `mfaRequired` and `passwordResetRequired`. */
export interface LogonAidState {
  /** What this account, as a primary, decided for the logons under it. */
  securityPreference: SecurityPreference;
  rememberedDevices: Record<string, RememberedDevice>;
  logonEnrollments: Record<string, LogonEnrollment>;
  passwordChangeTickets: Record<string, PasswordChangeTicket>;
}

export const initialLogonAidState = (): LogonAidState => ({
  securityPreference: { ...DEFAULT_SECURITY_PREFERENCE },
  rememberedDevices: {},
  logonEnrollments: {},
  passwordChangeTickets: {},
});
