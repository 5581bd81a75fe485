import { Encrypted, Instant, ProtectionScene, VerificationChannel, VerificationMethod } from '../shared/types';
import { LogonAidEvent } from './logon-aid.events';
import { RamUserAccountEvent } from './ram-user/ram-user.events';

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
    /** How the session was proven: the password alone, or the second factor (a recovery code in place of TOTP). */
    method: LoginMethod;
    challengeId: string | null;
    addressKey: string | null;
    expiresAt: Instant;
    authenticatorId: string | null;
    at: Instant;
  }
>;
export type LoginMethod = 'PASSWORD' | VerificationMethod | 'RECOVERY_CODE';
/**
 * A wrong password. `consecutiveFailures`: in a row from `addressKey`; `windowFailures`: from all
 * addresses in the window that started at `windowStartedAt` (docs/adr/0005-lockout.md). Stored
 * events before per-address counting have null for all three and counted account-wide; so does a
 * wrong current password on changePassword (a proven session), which the second-factor lock counts.
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
/**
 * What a TOTP code was checked for: a logon (`reference`: the challenge), a binding (the
 * enrollment), a step-up on a live session (`STEP_UP`; `reference`: the session), `CONFIRM` (the
 * fresh code a sensitive change asks for, e.g. removing the last authenticator), proving the factor
 * before protection is weakened or removed (`PROTECTION_CHANGE`; `reference`: the verification of
 * that change), a password reset's second factor (`RESET_PASSWORD`; `reference`: the reset's
 * verification); `RESYNC` only fails (a success is TotpResynchronized).
 */
export type TotpPurpose = 'LOGIN' | 'BIND' | 'STEP_UP' | 'CONFIRM' | 'RESYNC' | 'PROTECTION_CHANGE' | 'RESET_PASSWORD';
export type TotpCodeAccepted = Event<
  'TotpCodeAccepted',
  {
    authenticatorId: string;
    timeStep: number;
    purpose: Exclude<TotpPurpose, 'RESYNC'>;
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
    operation:
      | 'LOGIN'
      | 'COMPLETE_LOGIN'
      | 'VERIFY_IDENTITY'
      | 'BIND_TOTP'
      | 'DISABLE_PROTECTION'
      | 'STEP_UP'
      | 'CHANGE_PROTECTION'
      | 'CONFIRM_CONTACT_CHANGE'
      | 'RESYNC_TOTP'
      | 'REMOVE_AUTHENTICATOR'
      | 'CHANGE_PASSWORD'
      | 'RESET_PASSWORD';
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
/**
 * What an identity verification was started for; only that operation may use it, once: the
 * operation it served consumes it, and every pending one is void once protection changes.
 */
export type VerificationPurpose =
  'ENABLE_PROTECTION' | 'DISABLE_PROTECTION' | 'ADD_AUTHENTICATOR' | 'CHANGE_PROTECTION' | 'RESET_PASSWORD' | 'ERASE_ACCOUNT';
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
/**
 * Protection is off: `method`/`scenes` are those that were in force; `verificationId` proved the
 * person (null: a fresh TOTP code did, the TotpCodeAccepted CONFIRM just before it, when the last
 * authenticator was removed). It also voids the recovery codes.
 */
export type ProtectionDisabled = Event<
  'ProtectionDisabled',
  {
    method: VerificationMethod;
    scenes: ProtectionScene[];
    verificationId: string | null;
    at: Instant;
  }
>;
/** The person renamed a bound authenticator (trimmed, 1 to 64 characters). */
export type AuthenticatorRenamed = Event<'AuthenticatorRenamed', { authenticatorId: string; name: string; at: Instant }>;
/**
 * Two consecutive codes re-centred a drifted authenticator clock (RFC 6238 section 6): later checks
 * look around `now + driftSteps`. `timeStep`: the step of the second code; it and every earlier step are spent.
 */
export type TotpResynchronized = Event<
  'TotpResynchronized',
  { authenticatorId: string; driftSteps: number; timeStep: number; at: Instant }
>;
/** One recovery code, stored only as an HMAC under the service's recovery-code key with its own salt. */
export type RecoveryCodeHash = { salt: string; hash: string };
/**
 * A new set of one-time recovery codes; it voids any earlier set. `reason`: `PROTECTION_ENABLED`
 * (the binding that turned TOTP protection on) or `REGENERATED` (the person asked for a new set).
 */
export type RecoveryCodesGenerated = Event<
  'RecoveryCodesGenerated',
  { setId: string; codes: RecoveryCodeHash[]; reason: 'PROTECTION_ENABLED' | 'REGENERATED'; at: Instant }
>;
/**
 * What a recovery code was used for: a logon (`reference`: the challenge), the second factor of a
 * password reset (`RESET_PASSWORD`; `reference`: its verification), STEP_UP: reserved for step-up.
 */
export type RecoveryCodePurpose = 'LOGIN' | 'STEP_UP' | 'RESET_PASSWORD';
/** The code at `index` of set `setId` is spent; `remaining`: the unused codes of the set after it. */
export type RecoveryCodeUsed = Event<
  'RecoveryCodeUsed',
  { setId: string; index: number; purpose: RecoveryCodePurpose; reference: string; remaining: number; at: Instant }
>;
/** A recovery code that matched none of the current set (`WRONG_CODE`) or one already spent (`USED_CODE`). */
export type RecoveryCodeCheckFailed = Event<
  'RecoveryCodeCheckFailed',
  {
    purpose: RecoveryCodePurpose;
    reference: string;
    reason: 'WRONG_CODE' | 'USED_CODE';
    consecutiveFailures: number;
    at: Instant;
  }
>;

/**
 * Protection that was on is now different (scenes, method or both), still on. `scenesBefore`/
 * `methodBefore`: what was in force; `verificationId`: the verification the change was made with.
 * Earlier streams recorded such a change as a second `ProtectionEnabled`.
 */
export type ProtectionChanged = Event<
  'ProtectionChanged',
  {
    scenesBefore: ProtectionScene[];
    methodBefore: VerificationMethod;
    scenes: ProtectionScene[];
    method: VerificationMethod;
    verificationId: string;
    at: Instant;
  }
>;

/** Why sessions ended. Operations that end every other session name themselves here. */
export type SessionEndReason =
  | 'LOGOUT'
  | 'REVOKED'
  | 'OTHERS_REVOKED'
  | 'PROTECTION_CHANGED'
  | 'PASSWORD_CHANGED'
  | 'AUTHENTICATOR_REMOVED'
  | 'RESET_BY_PRIMARY'
  | 'ACCOUNT_DISABLED'
  | 'ACCOUNT_DELETED'
  | 'SESSION_LIMIT';
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
/**
 * A change of the phone (`SMS`) or email (`EMAIL`) was asked: a code went to the new destination
 * (`destination`, encrypted; `codeHash`), and, when the current one carries the protection's codes,
 * a second code to the current one (`currentCodeHash`; else null): a factor is replaced only with a
 * proof of it. Folded as a pending verification of purpose CHANGE_CONTACT.
 */
export type ContactChangeRequested = Event<
  'ContactChangeRequested',
  {
    verificationId: string;
    channel: VerificationChannel;
    destination: Encrypted;
    maskedDestination: string;
    codeHash: string;
    currentCodeHash: string | null;
    expiresAt: Instant;
    at: Instant;
  }
>;
/** The new destination answered its code: it replaces the account's phone/email and is proven from now on. */
export type ContactChanged = Event<
  'ContactChanged',
  { verificationId: string; channel: VerificationChannel; destination: Encrypted; maskedDestination: string; at: Instant }
>;
/**
 * The password is a new one: `passwordHash` (argon2id) replaces the old. `CHANGE`: by the person with
 * the current password, on session `sessionId`; `RESET`: with the code of `verificationId` (and the
 * second factor when protection covers logon); `SET_BY_PRIMARY`: setRamUserPassword by the RAM user's
 * primary account (neither id). Other sessions end with it (wired by the session work).
 */
export type PasswordChangeReason = 'CHANGE' | 'RESET' | 'SET_BY_PRIMARY';
export type PasswordChanged = Event<
  'PasswordChanged',
  {
    passwordHash: string;
    reason: PasswordChangeReason;
    sessionId: string | null;
    verificationId: string | null;
    at: Instant;
  }
>;
/**
 * The account is erased for good: its data key is destroyed (every encrypted field of its events is
 * unreadable from now on), no logon or command is accepted, and its login name stays claimed.
 * `by`: the person (`SELF`, with the ERASE_ACCOUNT verification `verificationId`, on session
 * `sessionId`), an admin key (`ADMIN`; who is in the metadata's actor), or, for a RAM user, its
 * primary account (`PRIMARY`: deleteRamUser, or the primary's own erasure).
 */
export type AccountErasedBy = 'SELF' | 'ADMIN' | 'PRIMARY';
export type AccountErased = Event<
  'AccountErased',
  {
    by: AccountErasedBy;
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
  | ProtectionChanged
  | ContactChangeRequested
  | ContactChanged
  | RejectedAttemptsSummarized
  | AuthenticatorRenamed
  | TotpResynchronized
  | RecoveryCodesGenerated
  | RecoveryCodeUsed
  | RecoveryCodeCheckFailed
  | PasswordChanged
  | AccountErased
  | SessionsEnded
  | StepUpSucceeded
  | LogonAidEvent
  | RamUserAccountEvent;

export type AccountEventType = AccountEvent['type'];

/** The name an authenticator gets when the person chose none (and that of every one bound before names). */
export const DEFAULT_AUTHENTICATOR_NAME = 'Authenticator';
