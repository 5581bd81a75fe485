import { EventRegistry } from '../../events/event-spec';
import { Encrypted, Instant } from '../../shared/types';

type Event<T extends string, D> = { type: T; data: D };

/**
 * A logon whose MFA is required found no authenticator (docs/ram-users.md): it answered
 * MFA_ENROLLMENT_REQUIRED with this new secret (encrypted under the account's key) instead of a
 * session. completeEnrollment binds it with two consecutive codes; `addressKey`: where the password
 * step came from.
 */
export type LogonEnrollmentStarted = Event<
  'LogonEnrollmentStarted',
  { enrollmentId: string; secret: Encrypted; expiresAt: Instant; addressKey: string | null; at: Instant }
>;
/** A logon of an account whose password must be changed first answered PASSWORD_CHANGE_REQUIRED with this ticket. */
export type PasswordChangeTicketIssued = Event<
  'PasswordChangeTicketIssued',
  { ticketId: string; expiresAt: Instant; addressKey: string | null; at: Instant }
>;
/** The ticket set the new password (the PasswordChanged before it): the requirement is met. */
export type PasswordChangeTicketUsed = Event<'PasswordChangeTicketUsed', { ticketId: string; at: Instant }>;
/**
 * The primary account reset this RAM user's second factors (resetRamUserMfa): every authenticator,
 * the recovery codes, pending enrollments and remembered devices are gone; the TotpUnbound,
 * ProtectionDisabled and SessionsEnded that follow it say the rest. `sessionId`: the primary's session.
 */
export type MfaResetByPrimary = Event<'MfaResetByPrimary', { primaryAccountId: string; sessionId: string | null; at: Instant }>;

export type LogonStepEvent = LogonEnrollmentStarted | PasswordChangeTicketIssued | PasswordChangeTicketUsed | MfaResetByPrimary;

export const LOGON_STEP_EVENT_SPECS = {
  LogonEnrollmentStarted: {
    decode: (r) => ({
      enrollmentId: r.string('enrollmentId'),
      secret: r.string('secret'),
      expiresAt: r.instant('expiresAt'),
      addressKey: r.nullableString('addressKey'),
      at: r.instant('at'),
    }),
    lockout: 'NONE',
    integration: null,
    auditFields: ['enrollmentId', 'expiresAt', 'addressKey', 'at'],
  },
  PasswordChangeTicketIssued: {
    decode: (r) => ({
      ticketId: r.string('ticketId'),
      expiresAt: r.instant('expiresAt'),
      addressKey: r.nullableString('addressKey'),
      at: r.instant('at'),
    }),
    lockout: 'NONE',
    integration: null,
    auditFields: ['ticketId', 'expiresAt', 'addressKey', 'at'],
  },
  PasswordChangeTicketUsed: {
    decode: (r) => ({ ticketId: r.string('ticketId'), at: r.instant('at') }),
    lockout: 'NONE',
    integration: null,
    auditFields: ['ticketId', 'at'],
  },
  MfaResetByPrimary: {
    decode: (r) => ({ primaryAccountId: r.string('primaryAccountId'), sessionId: r.nullableString('sessionId'), at: r.instant('at') }),
    lockout: 'NONE',
    integration: null,
    auditFields: ['primaryAccountId', 'sessionId', 'at'],
  },
} as const satisfies EventRegistry<LogonStepEvent>;
