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
export interface Login extends PassesLockGate {
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
export interface CompleteLogin extends PassesLockGate {
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
 */
export interface RequestVerification extends ActsInSession {
  type: 'RequestVerification';
  now: Instant;
  verificationId: string;
  purpose: 'ADD_AUTHENTICATOR';
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
/** `matchedTimeStep`: the step the code matched against the enrollment's secret (null: none). */
export interface BindTotp extends PassesLockGate, ActsInSession {
  type: 'BindTotp';
  now: Instant;
  enrollmentId: string;
  matchedTimeStep: number | null;
}

/** Starts turning protection off: a code goes to the account's own phone or email (`codeHash` is its hash). */
export interface RequestProtectionDisable extends ActsInSession {
  type: 'RequestProtectionDisable';
  now: Instant;
  verificationId: string;
  channel: VerificationChannel;
  codeHash: string;
}
/** Turns protection off with the code sent by RequestProtectionDisable (hashed by the handler). */
export interface DisableProtection extends PassesLockGate, ActsInSession {
  type: 'DisableProtection';
  now: Instant;
  verificationId: string;
  codeHash: string;
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
  | StepUp;
