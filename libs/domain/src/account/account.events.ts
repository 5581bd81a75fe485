import { Encrypted, Instant, ProtectionScene, VerificationChannel, VerificationMethod } from '../shared/types';

/**
 * The account stream's events. Type names are permanent facts in the past tense; never rename one.
 * Fields marked Encrypted hold `enc:v1:…` boxes under the account's own key; hashes are one-way.
 */
type Event<T extends string, D> = { type: T; data: D };

/** What a TOTP code was checked for: a logon, a binding, or a password reset's second factor. */
export type TotpPurpose = 'LOGIN' | 'BIND' | 'RESET_PASSWORD';

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
export type LoginSucceeded = Event<
  'LoginSucceeded',
  {
    sessionId: string;
    method: 'PASSWORD' | VerificationMethod;
    challengeId: string | null;
    at: Instant;
  }
>;
export type PasswordCheckFailed = Event<'PasswordCheckFailed', { consecutiveFailures: number; at: Instant }>;
export type MfaChallengeIssued = Event<
  'MfaChallengeIssued',
  {
    challengeId: string;
    method: VerificationMethod;
    codeHash: string | null;
    expiresAt: Instant;
    at: Instant;
  }
>;
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
export type AccountLocked = Event<'AccountLocked', { lockedUntil: Instant; consecutiveFailures: number; at: Instant }>;
export type AccountUnlocked = Event<'AccountUnlocked', { reason: 'LOCK_EXPIRED'; lockedUntil: Instant; at: Instant }>;
export type AttemptRejectedWhileLocked = Event<
  'AttemptRejectedWhileLocked',
  {
    operation: 'LOGIN' | 'COMPLETE_LOGIN' | 'VERIFY_IDENTITY' | 'BIND_TOTP' | 'DISABLE_PROTECTION' | 'CHANGE_PASSWORD' | 'RESET_PASSWORD';
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
export type VerificationPurpose = 'ENABLE_PROTECTION' | 'DISABLE_PROTECTION' | 'ADD_AUTHENTICATOR' | 'RESET_PASSWORD' | 'ERASE_ACCOUNT';
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

/**
 * The password is a new one: `passwordHash` (argon2id) replaces the old. `CHANGE`: by the person with
 * the current password, on session `sessionId`; `RESET`: with the code of `verificationId` (and the
 * second factor when protection covers logon). Other sessions end with it (wired by the session work).
 */
export type PasswordChanged = Event<
  'PasswordChanged',
  {
    passwordHash: string;
    reason: 'CHANGE' | 'RESET';
    sessionId: string | null;
    verificationId: string | null;
    at: Instant;
  }
>;
/**
 * The account is erased for good: its data key is destroyed (every encrypted field of its events is
 * unreadable from now on), no logon or command is accepted, and its login name stays claimed.
 * `by`: the person (`SELF`, with the ERASE_ACCOUNT verification `verificationId`, on session
 * `sessionId`) or an admin key (`ADMIN`; who is in the metadata's actor).
 */
export type AccountErased = Event<
  'AccountErased',
  {
    by: 'SELF' | 'ADMIN';
    sessionId: string | null;
    verificationId: string | null;
    at: Instant;
  }
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
  | PasswordChanged
  | AccountErased;

export type AccountEventType = AccountEvent['type'];

/** The name an authenticator gets when the person chose none (and that of every one bound before names). */
export const DEFAULT_AUTHENTICATOR_NAME = 'Authenticator';
