import { EnrollmentPurpose, LoginSucceeded, RecoveryCodeHash, SecondFactorMethod, VerificationPurpose } from './account.events';
import { initialPasswordGuard, PasswordGuard } from './kernel/password-guard';
import { initialLogonAidState, LogonAidState } from './logon-aid.state';

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
  /** The address whose password step issued it: a lock of that address ends it. */
  addressKey: string | null;
  /** Wrong codes it still takes; at 0 it is dead (a new logon is needed). */
  attemptsLeft: number;
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

/** How a session was proven: the logon's factor (`PASSWORD` alone, or a second factor) or a later one. */
export interface SessionProof {
  method: LoginSucceeded['data']['method'] | SecondFactorMethod;
  authenticatorId: string | null;
}

/**
 * A live session (docs/adr/0006-sessions.md). Ended sessions are removed at once, expired ones with
 * the next event after their end, so the record stays bounded by the sessions alive at a time.
 */
export interface AccountSession {
  createdAt: Instant;
  expiresAt: Instant;
  /** How the logon was proven. */
  proof: SessionProof;
  /** The last second-factor proof on this session (the logon's own, a step-up, turning protection on); null: none. */
  secondFactorAt: Instant | null;
  secondFactor: SessionProof | null;
}

/**
 * The folded account. Plain JSON (records, strings, numbers), so it can be snapshotted with
 * JSON.stringify; change `ACCOUNT_STATE_VERSION` whenever its shape changes.
 */
export interface AccountState extends LogonAidState {
  exists: boolean;
  accountId: string | null;
  loginName: string | null;
  passwordHash: string | null;
  primaryAccountId: string | null;
  /** RAM users (RamUserSettingsChanged): the name the primary account gave it; null for a primary account. */
  displayName: string | null;
  /** RAM users: whether its logon needs a second factor (false for primaries and before RAM users). */
  mfaRequired: boolean;
  /** RAM users: whether its next logon must choose a new password first (false for primaries and before RAM users). */
  passwordResetRequired: boolean;
  /** AccountDisabled until AccountEnabled: no logon (its sessions ended with the event). */
  disabled: boolean;
  /** The time of the last LoginSucceeded (null before the first). */
  lastLoginAt: Instant | null;
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
  /** Wrong codes in a row (second factor, verifications) since the last lock, success or unlock. */
  consecutiveFailures: number;
  /** Wrong codes in a row since the last success or reset, across locks (the NIST total cap). */
  secondFactorTotal: number;
  /** The level of the last second-factor lock in a row (0: none since the last success or reset). */
  lockLevel: number;
  /**
   * The lock that closes the whole account (second factor, or a stored lock from before scopes);
   * PERMANENT_LOCK_UNTIL for one that lasts until an unlock.
   */
  lockedUntil: Instant | null;
  /** The password step's counts per client address and across them (kernel/password-guard.ts). */
  guard: PasswordGuard;
  /** Whether the current lock already recorded its one AttemptRejectedWhileLocked. */
  lockRejectionRecorded: boolean;
  verifications: Record<string, PendingVerification>;
  enrollments: Record<string, PendingEnrollment>;
  challenges: Record<string, LoginChallenge>;
  /** The live sessions, by session id. */
  sessions: Record<string, AccountSession>;
  /** AccountErased: no logon, no command; secrets, contact details and factors are gone. */
  erased: boolean;
  /** The time of the last event, of any type. */
  updatedAt: Instant | null;
  /** The time of the last event that changed the security view (its `updatedAt`). */
  securityUpdatedAt: Instant | null;
}

/** Names the shape of AccountState for snapshots. */
export const ACCOUNT_STATE_VERSION = 'account-state.v5';

/** `lockedUntil` of a lock that lasts until an unlock (the read model shows it as this instant). */
export const PERMANENT_LOCK_UNTIL = '9999-12-31T23:59:59.999Z';

export function initialAccountState(): AccountState {
  return {
    exists: false,
    accountId: null,
    loginName: null,
    passwordHash: null,
    primaryAccountId: null,
    displayName: null,
    mfaRequired: false,
    passwordResetRequired: false,
    disabled: false,
    lastLoginAt: null,
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
    secondFactorTotal: 0,
    lockLevel: 0,
    lockedUntil: null,
    guard: initialPasswordGuard(),
    lockRejectionRecorded: false,
    verifications: {},
    enrollments: {},
    challenges: {},
    sessions: {},
    erased: false,
    updatedAt: null,
    securityUpdatedAt: null,
    ...initialLogonAidState(),
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
