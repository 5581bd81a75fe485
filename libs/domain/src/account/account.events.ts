import { Encrypted, Instant, ProtectionScene, VerificationChannel, VerificationMethod } from '../shared/types';

/**
 * The account stream's events. Type names are permanent facts in the past tense; never rename one.
 * Fields marked Encrypted hold `enc:v1:…` boxes under the account's own key; hashes are one-way.
 */
type Event<T extends string, D> = { type: T; data: D };

export type AccountRegistered = Event<
  'AccountRegistered',
  {
    accountId: string;
    loginName: string;
    passwordHash: string;
    email: Encrypted | null;
    maskedEmail: string | null;
    phone: Encrypted | null;
    maskedPhone: string | null;
    primaryAccountId: string | null;
    at: Instant;
  }
>;
/**
 * A logon, and the start of its session (docs/adr/0006-sessions.md). `addressKey`: the keyed hash of
 * the client address it came from (stored events before it: null). `expiresAt`: when the session
 * ends by itself (stored events before it: `at` + 24 h, the longest SESSION_TTL_SECONDS);
 * `authenticatorId`: the authenticator whose code proved it (before it, and without one: null).
 */
export type LoginSucceeded = Event<
  'LoginSucceeded',
  {
    sessionId: string;
    method: 'PASSWORD' | VerificationMethod;
    challengeId: string | null;
    addressKey: string | null;
    expiresAt: Instant;
    authenticatorId: string | null;
    at: Instant;
  }
>;
/**
 * A wrong password. `consecutiveFailures`: in a row from `addressKey`; `windowFailures`: from all
 * addresses in the window that started at `windowStartedAt` (docs/adr/0005-lockout.md). Stored
 * events before per-address counting have null for all three and counted account-wide.
 */
export type PasswordCheckFailed = Event<
  'PasswordCheckFailed',
  {
    consecutiveFailures: number;
    addressKey: string | null;
    windowStartedAt: Instant | null;
    windowFailures: number | null;
    at: Instant;
  }
>;
/** `maxAttempts`: wrong codes the challenge takes before it is dead (stored events before it: 3). */
export type MfaChallengeIssued = Event<
  'MfaChallengeIssued',
  {
    challengeId: string;
    method: VerificationMethod;
    codeHash: string | null;
    expiresAt: Instant;
    addressKey: string | null;
    maxAttempts: number;
    at: Instant;
  }
>;
/** What a TOTP code was checked for; `reference` is the challenge, enrollment or session (STEP_UP) id. */
export type TotpPurpose = 'LOGIN' | 'BIND' | 'STEP_UP';
export type TotpCodeAccepted = Event<
  'TotpCodeAccepted',
  {
    authenticatorId: string;
    timeStep: number;
    purpose: TotpPurpose;
    reference: string;
    at: Instant;
  }
>;
export type TotpCheckFailed = Event<
  'TotpCheckFailed',
  {
    purpose: TotpPurpose;
    reference: string;
    reason: 'WRONG_CODE' | 'REPLAYED_CODE' | 'EXPIRED' | 'UNKNOWN_REFERENCE';
    consecutiveFailures: number;
    at: Instant;
  }
>;
export type LoginCodeCheckFailed = Event<
  'LoginCodeCheckFailed',
  {
    challengeId: string;
    reason: 'WRONG_CODE' | 'EXPIRED' | 'UNKNOWN_REFERENCE';
    consecutiveFailures: number;
    at: Instant;
  }
>;
/**
 * What a lock closes: `ADDRESS` the password step of this account to one client address
 * (`addressKey`); `ACCOUNT` the password step to every address that has not logged on before (the
 * cap across addresses); `SECOND_FACTOR` the whole account (logon, codes) after wrong codes.
 */
export type LockScope = 'ADDRESS' | 'ACCOUNT' | 'SECOND_FACTOR';
/**
 * `level`: the how-manyth second-factor lock in a row (its length doubles), 1 for the others; 0 marks
 * a stored lock from before scopes (read as ACCOUNT, closing the account to every address and code,
 * as it did). `lockedUntil` null: until an unlock (the second-factor total cap).
 */
export type AccountLocked = Event<
  'AccountLocked',
  {
    scope: LockScope;
    addressKey: string | null;
    level: number;
    lockedUntil: Instant | null;
    consecutiveFailures: number;
    at: Instant;
  }
>;
/**
 * `LOCK_EXPIRED`: its time ran out (appended by the next attempt); `ADMIN_RESET`: an admin (API or
 * CLI) lifted every lock and count; `RECOVERED`: the owner proved themselves through a verified
 * channel (reserved for account recovery). `lockedUntil`: that of the lock lifted (null: none or
 * permanent). Stored events before scopes: ACCOUNT, addressKey null.
 */
export type UnlockReason = 'LOCK_EXPIRED' | 'ADMIN_RESET' | 'RECOVERED';
export type AccountUnlocked = Event<
  'AccountUnlocked',
  { scope: LockScope; addressKey: string | null; reason: UnlockReason; lockedUntil: Instant | null; at: Instant }
>;
export type AttemptRejectedWhileLocked = Event<
  'AttemptRejectedWhileLocked',
  {
    operation: 'LOGIN' | 'COMPLETE_LOGIN' | 'VERIFY_IDENTITY' | 'BIND_TOTP' | 'DISABLE_PROTECTION' | 'STEP_UP';
    lockedUntil: Instant;
    at: Instant;
  }
>;
/**
 * A summary of the attempts refused during one lock after the first (which is its own
 * `AttemptRejectedWhileLocked`), appended when the lock ends. `count` counts every refused attempt
 * of the lock, the first included; `ips`: up to 20 distinct client addresses.
 */
export type RejectedAttemptsSummarized = Event<
  'RejectedAttemptsSummarized',
  {
    count: number;
    firstAt: Instant;
    lastAt: Instant;
    ips: string[];
    lockedUntil: Instant;
    at: Instant;
  }
>;
/** What an identity verification was started for; only that operation may use it. */
export type VerificationPurpose = 'ENABLE_PROTECTION' | 'DISABLE_PROTECTION' | 'ADD_AUTHENTICATOR';
/**
 * `scenes`/`method`: those to turn on (ENABLE_PROTECTION), or those in force when asked
 * (DISABLE_PROTECTION, ADD_AUTHENTICATOR; method `TOTP` and no scenes when protection is off).
 */
export type IdentityVerificationStarted = Event<
  'IdentityVerificationStarted',
  {
    verificationId: string;
    purpose: VerificationPurpose;
    channel: VerificationChannel;
    maskedDestination: string;
    codeHash: string;
    expiresAt: Instant;
    scenes: ProtectionScene[];
    method: VerificationMethod;
    at: Instant;
  }
>;
/** `validUntil`: how long the proof may be used for what it was started for (binding TOTP). */
export type IdentityVerified = Event<'IdentityVerified', { verificationId: string; validUntil: Instant; at: Instant }>;
export type VerificationFailed = Event<
  'VerificationFailed',
  {
    verificationId: string;
    reason: 'WRONG_CODE' | 'EXPIRED' | 'ATTEMPTS_EXHAUSTED' | 'UNKNOWN_REFERENCE';
    attempts: number;
    consecutiveFailures: number;
    at: Instant;
  }
>;
export type ProtectionEnabled = Event<
  'ProtectionEnabled',
  {
    scenes: ProtectionScene[];
    method: VerificationMethod;
    verificationId: string;
    at: Instant;
  }
>;
/** The verification purposes that may start a TOTP enrollment. */
export type EnrollmentPurpose = Extract<VerificationPurpose, 'ENABLE_PROTECTION' | 'ADD_AUTHENTICATOR'>;
/**
 * `name`: chosen by the person (stored events before it: `'Authenticator'`); `purpose`: that of the
 * verification it was started with (before it: `ENABLE_PROTECTION`). Binding an ADD_AUTHENTICATOR
 * enrollment adds a device and leaves protection as it is.
 */
export type TotpEnrollmentStarted = Event<
  'TotpEnrollmentStarted',
  {
    enrollmentId: string;
    verificationId: string;
    scenes: ProtectionScene[];
    secret: Encrypted;
    expiresAt: Instant;
    name: string;
    purpose: EnrollmentPurpose;
    at: Instant;
  }
>;
/** `authenticatorId` is the enrollment's id; `name` as chosen (stored events before it: `'Authenticator'`). */
export type TotpBound = Event<'TotpBound', { authenticatorId: string; secret: Encrypted; name: string; at: Instant }>;
/** The authenticator is forgotten: its codes are no longer accepted, a new one starts its own history. */
export type TotpUnbound = Event<'TotpUnbound', { authenticatorId: string; at: Instant }>;
/** Protection is off: `method`/`scenes` are those that were in force; `verificationId` proved the person. */
export type ProtectionDisabled = Event<
  'ProtectionDisabled',
  {
    method: VerificationMethod;
    scenes: ProtectionScene[];
    verificationId: string;
    at: Instant;
  }
>;

/** Why sessions ended. Operations that end every other session name themselves here. */
export type SessionEndReason =
  'LOGOUT' | 'REVOKED' | 'OTHERS_REVOKED' | 'PROTECTION_CHANGED' | 'PASSWORD_CHANGED' | 'AUTHENTICATOR_REMOVED' | 'RESET_BY_PRIMARY';
/** Sessions ended before they expired: their tokens are refused from the next request on. */
export type SessionsEnded = Event<'SessionsEnded', { sessionIds: string[]; reason: SessionEndReason; at: Instant }>;
/** The second factors that can prove a session (at logon, by step-up, or by turning protection on). */
export type SecondFactorMethod = VerificationMethod | 'RECOVERY_CODE';
/**
 * A fresh second-factor proof on a live session: `stepUp`, or the code that turned protection on in
 * this session. `authenticatorId`: the authenticator whose code it was (null for SMS/EMAIL).
 */
export type StepUpSucceeded = Event<
  'StepUpSucceeded',
  { sessionId: string; method: SecondFactorMethod; authenticatorId: string | null; at: Instant }
>;

export type AccountEvent =
  | AccountRegistered
  | LoginSucceeded
  | PasswordCheckFailed
  | MfaChallengeIssued
  | TotpCodeAccepted
  | TotpCheckFailed
  | LoginCodeCheckFailed
  | AccountLocked
  | AccountUnlocked
  | AttemptRejectedWhileLocked
  | IdentityVerificationStarted
  | IdentityVerified
  | VerificationFailed
  | ProtectionEnabled
  | TotpEnrollmentStarted
  | TotpBound
  | TotpUnbound
  | ProtectionDisabled
  | RejectedAttemptsSummarized
  | SessionsEnded
  | StepUpSucceeded;

export type AccountEventType = AccountEvent['type'];

/** The name an authenticator gets when the person chose none (and that of every one bound before names). */
export const DEFAULT_AUTHENTICATOR_NAME = 'Authenticator';
