import { EnrollmentPurpose, RecoveryCodeHash, VerificationPurpose } from './account.events';

/** What a pending verification is for: an identity verification's purpose, or a change of phone/email. */
export type PendingPurpose = VerificationPurpose | 'CHANGE_CONTACT';
import { Encrypted, Instant, ProtectionScene, VerificationChannel, VerificationMethod } from '../shared/types';

export interface PendingVerification {
  purpose: PendingPurpose;
  channel: VerificationChannel;
  codeHash: string;
  expiresAt: Instant;
  attempts: number;
  verifiedAt: Instant | null;
  scenes: ProtectionScene[];
  method: VerificationMethod;
  /**
   * Used up: consumed by the operation it served, or void because protection changed after it was
   * started. A consumed verification never serves another operation (a resend of its right code
   * after it was verified changes nothing).
   */
  consumed: boolean;
  /** CHANGE_CONTACT only: the new destination, and the hash of the code sent to the current one (null: none needed). */
  contactChange: { destination: Encrypted; maskedDestination: string; currentCodeHash: string | null } | null;
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

/**
 * A bound TOTP authenticator. Its codes at or before `lastAcceptedTimeStep` are spent; `driftSteps`:
 * how many steps its clock runs ahead (negative: behind), recorded by a resync (0 until one).
 */
export interface TotpAuthenticator {
  kind: 'TOTP';
  authenticatorId: string;
  name: string;
  secret: Encrypted;
  boundAt: Instant;
  lastUsedAt: Instant | null;
  lastAcceptedTimeStep: number | null;
  driftSteps: number;
}

/** The current set of recovery codes: their salted hashes, in the order shown, and which are spent. */
export interface RecoveryCodeSet {
  setId: string;
  codes: (RecoveryCodeHash & { usedAt: Instant | null })[];
}

/** A second factor the account owns; a union on `kind` (`PASSKEY` comes later; recovery codes are `recoveryCodes`). */
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
  /**
   * When the current phone / email was last proven: a verification by that channel succeeded (or a
   * change of it was confirmed with a code sent to it). Only a proven destination carries logon codes.
   */
  phoneProvenAt: Instant | null;
  emailProvenAt: Instant | null;
  protection: { enabled: boolean; scenes: ProtectionScene[]; method: VerificationMethod | null };
  /** By authenticator id, in the order bound. */
  authenticators: Record<string, Authenticator>;
  /** The one-time codes that stand in for a TOTP code; null before the first, and once protection is off. */
  recoveryCodes: RecoveryCodeSet | null;
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
    phoneProvenAt: null,
    emailProvenAt: null,
    protection: { enabled: false, scenes: [], method: null },
    authenticators: {},
    recoveryCodes: null,
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

/** How many codes of the current recovery set are still unused. */
export function recoveryCodesRemaining(state: AccountState): number {
  return state.recoveryCodes?.codes.filter((c) => c.usedAt === null).length ?? 0;
}
