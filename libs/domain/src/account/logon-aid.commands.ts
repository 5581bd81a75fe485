import { Encrypted, Instant } from '../shared/types';
import type { RejectedWhileLockedTally } from './account.commands';
import { SecurityPreference } from './security-preference/security-preference.events';

/**
 * The facts a logon step needs beyond the password (docs/ram-users.md): all optional, so that a
 * primary account without preferences logs on as before. The handler reads the preference and
 * hashes the token; the command never carries a secret in the clear.
 */
export interface LogonAidFacts {
  /** The preference that governs this account's logons: its primary's for a RAM user, its own for a primary. */
  preference?: SecurityPreference | null;
  /** A fresh secret (encrypted) for a forced enrollment, set when logonFactor says ENROLL. */
  enrollment?: { enrollmentId: string; secret: Encrypted } | null;
  /** A ticket id, set when the account's password must be changed first. */
  passwordChangeTicketId?: string | null;
  /** The keyed hash of the remembered-device token the client sent (null: none). */
  rememberedDeviceTokenHash?: string | null;
}

/** A logon step that may remember its device, when the governing preference allows it. */
export interface RemembersDevice {
  preference?: SecurityPreference | null;
  /** The new device's id and the keyed hash of its token (the handler shows the token once). */
  rememberDevice?: { deviceId: string; tokenHash: string } | null;
}

export interface SetSecurityPreference {
  type: 'SetSecurityPreference';
  now: Instant;
  sessionId?: string | null;
  /** Each field absent or null: kept as it is. */
  ramUserMfaRequired?: boolean | null;
  ramUsersManageOwnDevices?: boolean | null;
  rememberDevice?: boolean | null;
  rememberDeviceDays?: number | null;
}

export interface RevokeRememberedDevices {
  type: 'RevokeRememberedDevices';
  now: Instant;
}

/** The second step of a forced enrollment: `matchedTimeStep` is code2's step when code1 is the step before (null: no such pair). */
export interface CompleteEnrollment extends RemembersDevice {
  type: 'CompleteEnrollment';
  now: Instant;
  enrollmentId: string;
  sessionId: string;
  addressKey?: string;
  matchedTimeStep: number | null;
  rejectedWhileLocked?: RejectedWhileLockedTally | null;
}

/** The new password a PASSWORD_CHANGE_REQUIRED logon sets with its ticket; then the logon goes on. */
export interface CompletePasswordChange extends LogonAidFacts {
  type: 'CompletePasswordChange';
  now: Instant;
  ticketId: string;
  newPasswordHash: string;
  addressKey?: string;
  sessionId: string;
  challengeId: string;
  challengeCodeHash: string | null;
  rejectedWhileLocked?: RejectedWhileLockedTally | null;
}

/** The primary account (`primaryAccountId`, acting in `sessionId`) resets this RAM user's second factors. */
export interface ResetMfaByPrimary {
  type: 'ResetMfaByPrimary';
  now: Instant;
  primaryAccountId: string;
  sessionId: string | null;
}

export type LogonAidCommand =
  SetSecurityPreference | RevokeRememberedDevices | CompleteEnrollment | CompletePasswordChange | ResetMfaByPrimary;
