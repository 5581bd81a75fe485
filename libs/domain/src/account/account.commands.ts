import { RamUserCommand } from './ram-user/ram-user.commands';
import { Encrypted, Instant, ProtectionScene, VerificationChannel, VerificationMethod } from '../shared/types';
import { RecoveryCodeHash } from './account.events';
import { FactorProof } from './factors/factor-proof';
import { LogonAidCommand, LogonAidFacts, RemembersDevice } from './logon-aid.commands';

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
  /** Wrong passwords from all addresses within one lock period that close the step to unknown addresses. */
  passwordFailureCap: number;
  /** Wrong codes in a row (across locks) after which the account stays locked until an unlock (NIST: at most 100). */
  secondFactorFailureCap: number;
  /** Wrong codes one logon challenge takes before it is dead. */
  challengeMaxAttempts: number;
  /** The longest an escalated second-factor lock lasts. */
  maxLockSeconds: number;
  /** How long a session lives (SESSION_TTL_SECONDS). */
  sessionSeconds: number;
  /** How old a session's second-factor proof may be for a sensitive operation (STEP_UP_MAX_AGE_SECONDS). */
  stepUpMaxAgeSeconds: number;
  /** How many steps either side of `now + drift` a resync searches for its two consecutive codes. */
  resyncWindowSteps: number;
  /** The longest a remembered device skips the logon's code, whatever the preference says (REMEMBERED_DEVICE_MAX_SECONDS). */
  rememberedDeviceMaxSeconds: number;
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
  passwordFailureCap: 50,
  secondFactorFailureCap: 100,
  challengeMaxAttempts: 3,
  maxLockSeconds: 24 * 3600,
  sessionSeconds: 900,
  stepUpMaxAgeSeconds: 300,
  resyncWindowSteps: 10,
  rememberedDeviceMaxSeconds: 30 * 24 * 3600,
};

/** A freshly generated set of recovery codes, hashed by the handler (the codes themselves never enter a command). */
export interface NewRecoveryCodes {
  setId: string;
  codes: RecoveryCodeHash[];
}

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

/**
 * A TOTP code the person sent to prove the factor before weakening or removing TOTP protection:
 * the handler's check of it against the bound authenticators (`proof` null: it matched none).
 * The command field is null or absent when no code was sent.
 */
export interface SecondFactorSubmission {
  proof: FactorProof | null;
}

/** The field of every command that passes the lock gate. Optional: absent means null. */
interface PassesLockGate {
  rejectedWhileLocked?: RejectedWhileLockedTally | null;
}

/**
 * The field of every command a person gives in a session: the acting session (from the token). A
 * sensitive operation checks its step-up on it; one that ends the other sessions keeps it.
 * Optional: absent means none (no step-up, and no session is kept).
 */
interface ActsInSession {
  sessionId?: string | null;
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
export interface Login extends PassesLockGate, LogonAidFacts {
  type: 'Login';
  now: Instant;
  /** The keyed hash of the client address (absent: UNKNOWN_ADDRESS_KEY). */
  addressKey?: string;
  passwordValid: boolean;
  sessionId: string;
  challengeId: string;
  challengeCodeHash: string | null;
}
/** Step 2. `proof`: what the handler checked the submitted code against (null: it matched nothing). */
export interface CompleteLogin extends PassesLockGate, RemembersDevice {
  type: 'CompleteLogin';
  now: Instant;
  addressKey?: string;
  challengeId: string;
  sessionId: string;
  proof: FactorProof | null;
}
export interface EnableProtection extends ActsInSession {
  type: 'EnableProtection';
  now: Instant;
  verificationId: string;
  scenes: ProtectionScene[];
  method: VerificationMethod;
  channel: VerificationChannel;
  codeHash: string;
}
/** Checks the code of an ENABLE_PROTECTION or ADD_AUTHENTICATOR verification (hashed by the handler). */
export interface VerifyIdentity extends PassesLockGate, ActsInSession {
  type: 'VerifyIdentity';
  now: Instant;
  verificationId: string;
  codeHash: string;
}
/**
 * A general identity verification: a code to the account's own phone or email, for `purpose` only.
 * `ADD_AUTHENTICATOR`: once verified, it lets BeginTotpBinding add a device while one is bound.
 * `CHANGE_PROTECTION`: once verified, it lets ChangeProtection change the protection in force.
 * `ERASE_ACCOUNT`: once verified, EraseAccount by the person takes it (within its window).
 */
export interface RequestVerification extends ActsInSession {
  type: 'RequestVerification';
  now: Instant;
  verificationId: string;
  purpose: 'ADD_AUTHENTICATOR' | 'CHANGE_PROTECTION' | 'ERASE_ACCOUNT';
  channel: VerificationChannel;
  codeHash: string;
}
/** `name`: the person's name for the device (null: `DEFAULT_AUTHENTICATOR_NAME`); trimmed, 1 to 64 characters. */
export interface BeginTotpBinding extends ActsInSession {
  type: 'BeginTotpBinding';
  now: Instant;
  verificationId: string;
  enrollmentId: string;
  secret: Encrypted;
  name?: string | null;
}
/**
 * `matchedTimeStep`: the step the code matched against the enrollment's secret (null: none).
 * `recoveryCodes`: the set to store if this binding turns TOTP protection on and the account has
 * none yet (otherwise ignored).
 */
export interface BindTotp extends PassesLockGate, ActsInSession {
  type: 'BindTotp';
  now: Instant;
  enrollmentId: string;
  matchedTimeStep: number | null;
  recoveryCodes?: NewRecoveryCodes | null;
}

/**
 * Sensitive operations of a signed-in person carry the acting `sessionId` (for the step-up check).
 * Regenerating voids the current recovery set; it needs TOTP protection on.
 */
export interface RegenerateRecoveryCodes {
  type: 'RegenerateRecoveryCodes';
  now: Instant;
  sessionId: string;
  recoveryCodes: NewRecoveryCodes;
}
/** `name`: trimmed, 1 to 64 characters. */
export interface RenameAuthenticator {
  type: 'RenameAuthenticator';
  now: Instant;
  sessionId: string;
  authenticatorId: string;
  name: string;
}
/**
 * Removes a bound authenticator. The last one while TOTP protection is on only with
 * `disableProtection` and `proof`: a fresh TOTP code of it (null: none given or it matched nothing).
 */
export interface RemoveAuthenticator extends PassesLockGate {
  type: 'RemoveAuthenticator';
  now: Instant;
  sessionId: string;
  authenticatorId: string;
  disableProtection: boolean;
  proof: FactorProof | null;
}
/**
 * `match`: found by the handler within `resyncWindowSteps` of the authenticator's expected step:
 * `timeStep`, the step whose code equals code2 (code1's is the one before it), and `driftSteps`,
 * `timeStep` minus the server's current step (null: no such pair).
 */
export interface ResyncTotp extends PassesLockGate {
  type: 'ResyncTotp';
  now: Instant;
  sessionId: string;
  authenticatorId: string;
  match: { timeStep: number; driftSteps: number } | null;
}

/** Starts turning protection off: a code goes to the account's own phone or email (`codeHash` is its hash). */
export interface RequestProtectionDisable extends ActsInSession {
  type: 'RequestProtectionDisable';
  now: Instant;
  verificationId: string;
  channel: VerificationChannel;
  codeHash: string;
}
/**
 * Turns protection off with the code sent by RequestProtectionDisable (hashed by the handler);
 * TOTP protection also needs `secondFactor`. `sessionId`: the acting session (optional for callers
 * before it).
 */
export interface DisableProtection extends PassesLockGate, ActsInSession {
  type: 'DisableProtection';
  now: Instant;
  verificationId: string;
  codeHash: string;
  secondFactor?: SecondFactorSubmission | null;
  sessionId?: string | null;
}
/**
 * Changes the protection in force to `scenes`/`method` with a verified CHANGE_PROTECTION
 * verification; a change that weakens TOTP protection also needs `secondFactor`.
 */
export interface ChangeProtection extends PassesLockGate {
  type: 'ChangeProtection';
  now: Instant;
  verificationId: string;
  scenes: ProtectionScene[];
  method: VerificationMethod;
  secondFactor: SecondFactorSubmission | null;
  sessionId: string;
}

/**
 * Starts changing the phone (`SMS`) or email (`EMAIL`): `destination` is the new one, encrypted,
 * `codeHash` the hash of the code sent to it; `currentCodeHash` that of a code sent to the current
 * one, required when it carries the protection's codes (see `contactChangeNeedsCurrentCode`).
 */
export interface RequestContactChange {
  type: 'RequestContactChange';
  now: Instant;
  verificationId: string;
  channel: VerificationChannel;
  destination: Encrypted;
  maskedDestination: string;
  codeHash: string;
  currentCodeHash: string | null;
  sessionId: string;
}
/** Confirms a contact change with the new destination's code (and the current one's when it was sent). */
export interface ConfirmContactChange extends PassesLockGate {
  type: 'ConfirmContactChange';
  now: Instant;
  verificationId: string;
  codeHash: string;
  currentCodeHash: string | null;
  sessionId: string;
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

/** An admin (API key or CLI) lifts every lock and count of the account (AccountUnlocked ADMIN_RESET). */
export interface UnlockAccount {
  type: 'UnlockAccount';
  now: Instant;
}

/** Ends the acting session (logout). */
export interface EndSession {
  type: 'EndSession';
  now: Instant;
  sessionId: string;
}
/** Ends one of the person's own live sessions (the acting one too, if named). */
export interface RevokeSession {
  type: 'RevokeSession';
  now: Instant;
  sessionId: string;
  targetSessionId: string;
}
/** Ends every live session of the account but the acting one. */
export interface RevokeOtherSessions {
  type: 'RevokeOtherSessions';
  now: Instant;
  sessionId: string;
}
/** A fresh second-factor proof on the acting session. `proof`: what the handler checked the code against (null: nothing). */
export interface StepUp extends PassesLockGate {
  type: 'StepUp';
  now: Instant;
  sessionId: string;
  proof: FactorProof | null;
}

export type AccountCommand =
  | UnlockAccount
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
  | EndSession
  | RevokeSession
  | RevokeOtherSessions
  | StepUp
  | ChangeProtection
  | RequestContactChange
  | ConfirmContactChange
  | RegenerateRecoveryCodes
  | RenameAuthenticator
  | RemoveAuthenticator
  | ResyncTotp
  | ChangePassword
  | RequestPasswordReset
  | ResetPassword
  | EraseAccount
  | LogonAidCommand
  | RamUserCommand;
