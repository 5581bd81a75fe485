import { EnrollmentPurpose, VerificationPurpose } from './account.events';
import { Encrypted, Instant, ProtectionScene, VerificationChannel, VerificationMethod } from '../shared/types';

export interface PendingVerification {
  purpose: VerificationPurpose;
  channel: VerificationChannel;
  codeHash: string;
  expiresAt: Instant;
  attempts: number;
  verifiedAt: Instant | null;
  scenes: ProtectionScene[];
  method: VerificationMethod;
}

export interface PendingEnrollment {
  verificationId: string;
  scenes: ProtectionScene[];
  secret: Encrypted;
  expiresAt: Instant;
  name: string;
  purpose: EnrollmentPurpose;
  /** The time step of the code that confirmed it (TotpCodeAccepted BIND), until TotpBound folds it in. */
  acceptedTimeStep: number | null;
}

export interface LoginChallenge {
  method: VerificationMethod;
  codeHash: string | null;
  expiresAt: Instant;
  completed: boolean;
}

/** A bound TOTP authenticator. Its codes at or before `lastAcceptedTimeStep` are spent. */
export interface TotpAuthenticator {
  kind: 'TOTP';
  authenticatorId: string;
  name: string;
  secret: Encrypted;
  boundAt: Instant;
  lastUsedAt: Instant | null;
  lastAcceptedTimeStep: number | null;
}

/** A second factor the account owns; a union on `kind` (`RECOVERY_CODES`, `PASSKEY` come later). */
export type Authenticator = TotpAuthenticator;
export type AuthenticatorKind = Authenticator['kind'];

/**
 * The folded account. Plain JSON (records, strings, numbers), so it can be snapshotted with
 * JSON.stringify; change `ACCOUNT_STATE_VERSION` whenever its shape changes.
 */
export interface AccountState {
  exists: boolean;
  accountId: string | null;
  loginName: string | null;
  passwordHash: string | null;
  primaryAccountId: string | null;
  email: Encrypted | null;
  maskedEmail: string | null;
  phone: Encrypted | null;
  maskedPhone: string | null;
  protection: { enabled: boolean; scenes: ProtectionScene[]; method: VerificationMethod | null };
  /** By authenticator id, in the order bound. */
  authenticators: Record<string, Authenticator>;
  consecutiveFailures: number;
  lockedUntil: Instant | null;
  /** Whether the current lock already recorded its one AttemptRejectedWhileLocked. */
  lockRejectionRecorded: boolean;
  verifications: Record<string, PendingVerification>;
  enrollments: Record<string, PendingEnrollment>;
  challenges: Record<string, LoginChallenge>;
  /** AccountErased: no logon, no command; secrets, contact details and factors are gone. */
  erased: boolean;
  /** The time of the last event, of any type. */
  updatedAt: Instant | null;
  /** The time of the last event that changed the security view (its `updatedAt`). */
  securityUpdatedAt: Instant | null;
}

/** Names the shape of AccountState for snapshots. */
export const ACCOUNT_STATE_VERSION = 'account-state.v3';

export function initialAccountState(): AccountState {
  return {
    exists: false,
    accountId: null,
    loginName: null,
    passwordHash: null,
    primaryAccountId: null,
    email: null,
    maskedEmail: null,
    phone: null,
    maskedPhone: null,
    protection: { enabled: false, scenes: [], method: null },
    authenticators: {},
    consecutiveFailures: 0,
    lockedUntil: null,
    lockRejectionRecorded: false,
    verifications: {},
    enrollments: {},
    challenges: {},
    erased: false,
    updatedAt: null,
    securityUpdatedAt: null,
  };
}

/** The bound TOTP authenticators, in the order bound. */
export function totpAuthenticators(state: AccountState): TotpAuthenticator[] {
  return Object.values(state.authenticators).filter((a): a is TotpAuthenticator => a.kind === 'TOTP');
}
