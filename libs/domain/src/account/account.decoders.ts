import { AccountEvent, DEFAULT_AUTHENTICATOR_NAME } from './account.events';
import { LogonAidEvent } from './logon-aid.events';
import { addSeconds } from '../shared/time';
import { PROTECTION_SCENES, VERIFICATION_CHANNELS, VERIFICATION_METHODS } from '../shared/types';
import { FieldReader } from '../events/field-reader';
import { RamUserAccountEvent } from './ram-user/ram-user.events';

type DataOf<T extends AccountEvent['type']> = Extract<AccountEvent, { type: T }>['data'];
/** The logon aids' decoders live with their events (logon-aid.events.ts), the RAM-user events' in ram-user/ram-user.registry.ts. */
type Decoders = {
  [T in Exclude<AccountEvent['type'], LogonAidEvent['type'] | RamUserAccountEvent['type']>]: (read: FieldReader) => DataOf<T>;
};

const TOTP_ACCEPTED_PURPOSES = ['LOGIN', 'BIND', 'STEP_UP', 'CONFIRM', 'PROTECTION_CHANGE', 'RESET_PASSWORD'] as const;
const TOTP_PURPOSES = [...TOTP_ACCEPTED_PURPOSES, 'RESYNC'] as const;
const RECOVERY_CODE_PURPOSES = ['LOGIN', 'STEP_UP', 'RESET_PASSWORD'] as const;
const LOCK_OPERATIONS = [
  'LOGIN',
  'COMPLETE_LOGIN',
  'VERIFY_IDENTITY',
  'BIND_TOTP',
  'DISABLE_PROTECTION',
  'STEP_UP',
  'CHANGE_PROTECTION',
  'CONFIRM_CONTACT_CHANGE',
  'RESYNC_TOTP',
  'REMOVE_AUTHENTICATOR',
  'CHANGE_PASSWORD',
  'RESET_PASSWORD',
] as const;
const VERIFICATION_PURPOSES = [
  'ENABLE_PROTECTION',
  'DISABLE_PROTECTION',
  'ADD_AUTHENTICATOR',
  'CHANGE_PROTECTION',
  'RESET_PASSWORD',
  'ERASE_ACCOUNT',
] as const;
const ENROLLMENT_PURPOSES = ['ENABLE_PROTECTION', 'ADD_AUTHENTICATOR'] as const;
const LOGIN_METHODS = ['PASSWORD', ...VERIFICATION_METHODS, 'RECOVERY_CODE'] as const;
const LOCK_SCOPES = ['ADDRESS', 'ACCOUNT', 'SECOND_FACTOR'] as const;
const UNLOCK_REASONS = ['LOCK_EXPIRED', 'ADMIN_RESET', 'RECOVERED'] as const;
/** The wrong codes a challenge took before `maxAttempts` was stored. */
export const DEFAULT_CHALLENGE_ATTEMPTS = 3;
const SECOND_FACTOR_METHODS = [...VERIFICATION_METHODS, 'RECOVERY_CODE'] as const;
const SESSION_END_REASONS = [
  'LOGOUT',
  'REVOKED',
  'OTHERS_REVOKED',
  'PROTECTION_CHANGED',
  'PASSWORD_CHANGED',
  'AUTHENTICATOR_REMOVED',
  'RESET_BY_PRIMARY',
  'ACCOUNT_DISABLED',
  'ACCOUNT_DELETED',
  'SESSION_LIMIT',
] as const;
/** The longest SESSION_TTL_SECONDS: a session logged on before sessions had an end is kept at most this long. */
const LEGACY_SESSION_SECONDS = 24 * 3600;

/**
 * Stored JSON to account event data, field by field. Upcasts: `TotpEnrollmentStarted.name` and
 * `TotpBound.name` (before names: 'Authenticator'), `TotpEnrollmentStarted.purpose` (before
 * ADD_AUTHENTICATOR: ENABLE_PROTECTION). `ProtectionDisabled.verificationId` may be null (since the
 * last authenticator can be removed with a TOTP code); every earlier one holds a string. The lockout
 * fields of docs/adr/0005-lockout.md (`scope` ACCOUNT and `level` 0 for a lock before scopes,
 * `addressKey` and the window null, a challenge's `maxAttempts` DEFAULT_CHALLENGE_ATTEMPTS);
 * `LoginSucceeded.expiresAt` (before sessions had an end: `at` + 24 h) and
 * `LoginSucceeded.authenticatorId` (null).
 */
export const ACCOUNT_DECODERS: Decoders = {
  AccountRegistered: (r) => ({
    accountId: r.string('accountId'),
    loginName: r.string('loginName'),
    passwordHash: r.string('passwordHash'),
    email: r.nullableString('email'),
    maskedEmail: r.nullableString('maskedEmail'),
    phone: r.nullableString('phone'),
    maskedPhone: r.nullableString('maskedPhone'),
    primaryAccountId: r.nullableString('primaryAccountId'),
    at: r.instant('at'),
  }),
  LoginSucceeded: (r) => {
    const at = r.instant('at');
    return {
      sessionId: r.string('sessionId'),
      method: r.oneOf('method', LOGIN_METHODS),
      challengeId: r.nullableString('challengeId'),
      addressKey: r.optionalNullableString('addressKey'),
      expiresAt: r.optionalInstant('expiresAt', addSeconds(at, LEGACY_SESSION_SECONDS)),
      authenticatorId: r.optionalNullableString('authenticatorId', null),
      at,
    };
  },
  PasswordCheckFailed: (r) => ({
    consecutiveFailures: r.integer('consecutiveFailures'),
    addressKey: r.optionalNullableString('addressKey'),
    windowStartedAt: r.optionalNullableInstant('windowStartedAt'),
    windowFailures: r.optionalNullableInteger('windowFailures'),
    at: r.instant('at'),
  }),
  MfaChallengeIssued: (r) => ({
    challengeId: r.string('challengeId'),
    method: r.oneOf('method', VERIFICATION_METHODS),
    codeHash: r.nullableString('codeHash'),
    expiresAt: r.instant('expiresAt'),
    addressKey: r.optionalNullableString('addressKey'),
    maxAttempts: r.optionalInteger('maxAttempts', DEFAULT_CHALLENGE_ATTEMPTS),
    at: r.instant('at'),
  }),
  TotpCodeAccepted: (r) => ({
    authenticatorId: r.string('authenticatorId'),
    timeStep: r.integer('timeStep'),
    purpose: r.oneOf('purpose', TOTP_ACCEPTED_PURPOSES),
    reference: r.string('reference'),
    at: r.instant('at'),
  }),
  TotpCheckFailed: (r) => ({
    purpose: r.oneOf('purpose', TOTP_PURPOSES),
    reference: r.string('reference'),
    reason: r.oneOf('reason', ['WRONG_CODE', 'REPLAYED_CODE', 'EXPIRED', 'UNKNOWN_REFERENCE'] as const),
    consecutiveFailures: r.integer('consecutiveFailures'),
    at: r.instant('at'),
  }),
  LoginCodeCheckFailed: (r) => ({
    challengeId: r.string('challengeId'),
    reason: r.oneOf('reason', ['WRONG_CODE', 'EXPIRED', 'UNKNOWN_REFERENCE'] as const),
    consecutiveFailures: r.integer('consecutiveFailures'),
    at: r.instant('at'),
  }),
  AccountLocked: (r) => ({
    scope: r.optionalOneOf('scope', LOCK_SCOPES, 'ACCOUNT'),
    addressKey: r.optionalNullableString('addressKey'),
    level: r.optionalInteger('level', 0),
    lockedUntil: r.nullableInstant('lockedUntil'),
    consecutiveFailures: r.integer('consecutiveFailures'),
    at: r.instant('at'),
  }),
  AccountUnlocked: (r) => ({
    scope: r.optionalOneOf('scope', LOCK_SCOPES, 'ACCOUNT'),
    addressKey: r.optionalNullableString('addressKey'),
    reason: r.oneOf('reason', UNLOCK_REASONS),
    lockedUntil: r.nullableInstant('lockedUntil'),
    at: r.instant('at'),
  }),
  AttemptRejectedWhileLocked: (r) => ({
    operation: r.oneOf('operation', LOCK_OPERATIONS),
    lockedUntil: r.instant('lockedUntil'),
    at: r.instant('at'),
  }),
  RejectedAttemptsSummarized: (r) => ({
    count: r.integer('count'),
    firstAt: r.instant('firstAt'),
    lastAt: r.instant('lastAt'),
    ips: r.stringArray('ips'),
    lockedUntil: r.instant('lockedUntil'),
    at: r.instant('at'),
  }),
  IdentityVerificationStarted: (r) => ({
    verificationId: r.string('verificationId'),
    purpose: r.oneOf('purpose', VERIFICATION_PURPOSES),
    channel: r.oneOf('channel', VERIFICATION_CHANNELS),
    maskedDestination: r.string('maskedDestination'),
    codeHash: r.string('codeHash'),
    expiresAt: r.instant('expiresAt'),
    scenes: r.oneOfArray('scenes', PROTECTION_SCENES),
    method: r.oneOf('method', VERIFICATION_METHODS),
    at: r.instant('at'),
  }),
  IdentityVerified: (r) => ({ verificationId: r.string('verificationId'), validUntil: r.instant('validUntil'), at: r.instant('at') }),
  VerificationFailed: (r) => ({
    verificationId: r.string('verificationId'),
    reason: r.oneOf('reason', ['WRONG_CODE', 'EXPIRED', 'ATTEMPTS_EXHAUSTED', 'UNKNOWN_REFERENCE'] as const),
    attempts: r.integer('attempts'),
    consecutiveFailures: r.integer('consecutiveFailures'),
    at: r.instant('at'),
  }),
  ProtectionEnabled: (r) => ({
    scenes: r.oneOfArray('scenes', PROTECTION_SCENES),
    method: r.oneOf('method', VERIFICATION_METHODS),
    verificationId: r.string('verificationId'),
    at: r.instant('at'),
  }),
  TotpEnrollmentStarted: (r) => ({
    enrollmentId: r.string('enrollmentId'),
    verificationId: r.string('verificationId'),
    scenes: r.oneOfArray('scenes', PROTECTION_SCENES),
    secret: r.string('secret'),
    expiresAt: r.instant('expiresAt'),
    name: r.optionalString('name', DEFAULT_AUTHENTICATOR_NAME),
    purpose: r.optionalOneOf('purpose', ENROLLMENT_PURPOSES, 'ENABLE_PROTECTION'),
    at: r.instant('at'),
  }),
  TotpBound: (r) => ({
    authenticatorId: r.string('authenticatorId'),
    secret: r.string('secret'),
    name: r.optionalString('name', DEFAULT_AUTHENTICATOR_NAME),
    at: r.instant('at'),
  }),
  TotpUnbound: (r) => ({ authenticatorId: r.string('authenticatorId'), at: r.instant('at') }),
  SessionsEnded: (r) => ({
    sessionIds: r.stringArray('sessionIds'),
    reason: r.oneOf('reason', SESSION_END_REASONS),
    at: r.instant('at'),
  }),
  StepUpSucceeded: (r) => ({
    sessionId: r.string('sessionId'),
    method: r.oneOf('method', SECOND_FACTOR_METHODS),
    authenticatorId: r.nullableString('authenticatorId'),
    at: r.instant('at'),
  }),
  ProtectionDisabled: (r) => ({
    method: r.oneOf('method', VERIFICATION_METHODS),
    scenes: r.oneOfArray('scenes', PROTECTION_SCENES),
    verificationId: r.nullableString('verificationId'),
    at: r.instant('at'),
  }),
  AuthenticatorRenamed: (r) => ({ authenticatorId: r.string('authenticatorId'), name: r.string('name'), at: r.instant('at') }),
  TotpResynchronized: (r) => ({
    authenticatorId: r.string('authenticatorId'),
    driftSteps: r.integer('driftSteps'),
    timeStep: r.integer('timeStep'),
    at: r.instant('at'),
  }),
  RecoveryCodesGenerated: (r) => ({
    setId: r.string('setId'),
    codes: r.saltedHashes('codes'),
    reason: r.oneOf('reason', ['PROTECTION_ENABLED', 'REGENERATED'] as const),
    at: r.instant('at'),
  }),
  RecoveryCodeUsed: (r) => ({
    setId: r.string('setId'),
    index: r.integer('index'),
    purpose: r.oneOf('purpose', RECOVERY_CODE_PURPOSES),
    reference: r.string('reference'),
    remaining: r.integer('remaining'),
    at: r.instant('at'),
  }),
  RecoveryCodeCheckFailed: (r) => ({
    purpose: r.oneOf('purpose', RECOVERY_CODE_PURPOSES),
    reference: r.string('reference'),
    reason: r.oneOf('reason', ['WRONG_CODE', 'USED_CODE'] as const),
    consecutiveFailures: r.integer('consecutiveFailures'),
    at: r.instant('at'),
  }),
  ProtectionChanged: (r) => ({
    scenesBefore: r.oneOfArray('scenesBefore', PROTECTION_SCENES),
    methodBefore: r.oneOf('methodBefore', VERIFICATION_METHODS),
    scenes: r.oneOfArray('scenes', PROTECTION_SCENES),
    method: r.oneOf('method', VERIFICATION_METHODS),
    verificationId: r.string('verificationId'),
    at: r.instant('at'),
  }),
  ContactChangeRequested: (r) => ({
    verificationId: r.string('verificationId'),
    channel: r.oneOf('channel', VERIFICATION_CHANNELS),
    destination: r.string('destination'),
    maskedDestination: r.string('maskedDestination'),
    codeHash: r.string('codeHash'),
    currentCodeHash: r.nullableString('currentCodeHash'),
    expiresAt: r.instant('expiresAt'),
    at: r.instant('at'),
  }),
  ContactChanged: (r) => ({
    verificationId: r.string('verificationId'),
    channel: r.oneOf('channel', VERIFICATION_CHANNELS),
    destination: r.string('destination'),
    maskedDestination: r.string('maskedDestination'),
    at: r.instant('at'),
  }),
  PasswordChanged: (r) => ({
    passwordHash: r.string('passwordHash'),
    reason: r.oneOf('reason', ['CHANGE', 'RESET', 'SET_BY_PRIMARY'] as const),
    sessionId: r.nullableString('sessionId'),
    verificationId: r.nullableString('verificationId'),
    at: r.instant('at'),
  }),
  AccountErased: (r) => ({
    by: r.oneOf('by', ['SELF', 'ADMIN', 'PRIMARY'] as const),
    sessionId: r.nullableString('sessionId'),
    verificationId: r.nullableString('verificationId'),
    at: r.instant('at'),
  }),
};
