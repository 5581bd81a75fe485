import { Encrypted, Instant, ProtectionScene, VerificationChannel, VerificationMethod } from '../shared/types';
import { FactorProof } from './factors/factor-proof';

/**
 * Commands carry facts, not secrets: the handler has already hashed the password, checked a TOTP
 * code against the decrypted secrets (a proof naming the authenticator and time step), hashed a
 * submitted code, and read the clock.
 */
export interface SecurityPolicy {
  lockoutThreshold: number;
  lockoutSeconds: number;
  verificationCodeSeconds: number;
  verificationMaxAttempts: number;
  /** How long a successful identity verification may be used to bind an authenticator. */
  verifiedWindowSeconds: number;
  enrollmentSeconds: number;
  challengeSeconds: number;
  /** How many TOTP authenticators one account may have bound at once. */
  maxTotpAuthenticators: number;
}

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  lockoutThreshold: 5,
  lockoutSeconds: 900,
  verificationCodeSeconds: 300,
  verificationMaxAttempts: 5,
  verifiedWindowSeconds: 600,
  enrollmentSeconds: 600,
  challengeSeconds: 300,
  maxTotpAuthenticators: 8,
};

/**
 * The handler's in-process tally of the attempts a lock refused (only the first is an event). It
 * passes it with the next command that passes the lock gate; when that command ends the lock, the
 * domain appends it as `RejectedAttemptsSummarized`. Null or a count of 0: nothing to summarize.
 */
export interface RejectedWhileLockedTally {
  count: number;
  firstAt: Instant;
  lastAt: Instant;
  ips: string[];
}

/** The field of every command that passes the lock gate. Optional: absent means null. */
interface PassesLockGate {
  rejectedWhileLocked?: RejectedWhileLockedTally | null;
}

export interface RegisterAccount {
  type: 'RegisterAccount';
  now: Instant;
  accountId: string;
  loginName: string;
  passwordHash: string;
  email: Encrypted | null;
  maskedEmail: string | null;
  phone: Encrypted | null;
  maskedPhone: string | null;
  primaryAccountId: string | null;
}
/** Step 1 of a logon. `challengeCodeHash` is set when the account's protection sends a code (SMS/EMAIL). */
export interface Login extends PassesLockGate {
  type: 'Login';
  now: Instant;
  passwordValid: boolean;
  sessionId: string;
  challengeId: string;
  challengeCodeHash: string | null;
}
/** Step 2. `proof`: what the handler checked the submitted code against (null: it matched nothing). */
export interface CompleteLogin extends PassesLockGate {
  type: 'CompleteLogin';
  now: Instant;
  challengeId: string;
  sessionId: string;
  proof: FactorProof | null;
}
export interface EnableProtection {
  type: 'EnableProtection';
  now: Instant;
  verificationId: string;
  scenes: ProtectionScene[];
  method: VerificationMethod;
  channel: VerificationChannel;
  codeHash: string;
}
/** Checks the code of an ENABLE_PROTECTION or ADD_AUTHENTICATOR verification (hashed by the handler). */
export interface VerifyIdentity extends PassesLockGate {
  type: 'VerifyIdentity';
  now: Instant;
  verificationId: string;
  codeHash: string;
}
/**
 * A general identity verification: a code to the account's own phone or email, for `purpose` only.
 * `ADD_AUTHENTICATOR`: once verified, it lets BeginTotpBinding add a device while one is bound.
 * `ERASE_ACCOUNT`: once verified, EraseAccount by the person takes it (within its window).
 */
export interface RequestVerification {
  type: 'RequestVerification';
  now: Instant;
  verificationId: string;
  purpose: 'ADD_AUTHENTICATOR' | 'ERASE_ACCOUNT';
  channel: VerificationChannel;
  codeHash: string;
}
/** `name`: the person's name for the device (null: `DEFAULT_AUTHENTICATOR_NAME`); trimmed, 1 to 64 characters. */
export interface BeginTotpBinding {
  type: 'BeginTotpBinding';
  now: Instant;
  verificationId: string;
  enrollmentId: string;
  secret: Encrypted;
  name?: string | null;
}
/** `matchedTimeStep`: the step the code matched against the enrollment's secret (null: none). */
export interface BindTotp extends PassesLockGate {
  type: 'BindTotp';
  now: Instant;
  enrollmentId: string;
  matchedTimeStep: number | null;
}

/** Starts turning protection off: a code goes to the account's own phone or email (`codeHash` is its hash). */
export interface RequestProtectionDisable {
  type: 'RequestProtectionDisable';
  now: Instant;
  verificationId: string;
  channel: VerificationChannel;
  codeHash: string;
}
/** Turns protection off with the code sent by RequestProtectionDisable (hashed by the handler). */
export interface DisableProtection extends PassesLockGate {
  type: 'DisableProtection';
  now: Instant;
  verificationId: string;
  codeHash: string;
}

/**
 * The person's own password change. `currentPasswordValid`: the handler checked the current password
 * (false while locked: not checked); `newPasswordHash`: argon2id of the new one (null when the current
 * one was wrong). `sessionId`: the acting session (step-up checks it).
 */
export interface ChangePassword extends PassesLockGate {
  type: 'ChangePassword';
  now: Instant;
  sessionId: string;
  currentPasswordValid: boolean;
  newPasswordHash: string | null;
}
/** A forgotten password: a code to the account's own phone or email, good for ResetPassword only. */
export interface RequestPasswordReset {
  type: 'RequestPasswordReset';
  now: Instant;
  verificationId: string;
  channel: VerificationChannel;
  codeHash: string;
}
/**
 * Sets a new password with the code of a RESET_PASSWORD verification (hashed by the handler) and,
 * when protection covers logon, the second factor: `secondFactor` is what the handler matched the
 * submitted code against (see checkSecondFactor), null when none was given or it matched nothing.
 */
export interface ResetPassword extends PassesLockGate {
  type: 'ResetPassword';
  now: Instant;
  verificationId: string;
  codeHash: string;
  newPasswordHash: string;
  secondFactor: FactorProof | null;
}
/**
 * Erases the account. `SELF`: the person, with a verified ERASE_ACCOUNT verification, on session
 * `sessionId` (step-up checks it); `ADMIN`: an admin key, no verification.
 */
export interface EraseAccount {
  type: 'EraseAccount';
  now: Instant;
  by: 'SELF' | 'ADMIN';
  sessionId: string | null;
  verificationId: string | null;
}

export type AccountCommand =
  | RegisterAccount
  | Login
  | CompleteLogin
  | EnableProtection
  | VerifyIdentity
  | RequestVerification
  | BeginTotpBinding
  | BindTotp
  | RequestProtectionDisable
  | DisableProtection
  | ChangePassword
  | RequestPasswordReset
  | ResetPassword
  | EraseAccount;
