import { AccountEvent } from './account.events';
import { accountIntegration as map } from './account-integration';
import { ACCOUNT_DECODERS as d } from './account.decoders';
import { EventRegistry, registryDecoder, typesOf } from '../events/event-spec';
import { LOGON_AID_EVENT_SPECS } from './logon-aid.events';
import { RAM_USER_ACCOUNT_EVENT_REGISTRY } from './ram-user/ram-user.registry';

/**
 * Every account event type: its decoder (account.decoders.ts), the fields auditors see (secrets,
 * hashes and encrypted boxes are never listed; masked destinations are), its lockout role and its
 * integration mapping.
 */
export const ACCOUNT_EVENT_REGISTRY = {
  AccountRegistered: {
    decode: d.AccountRegistered,
    lockout: 'NONE',
    integration: null,
    auditFields: ['accountId', 'loginName', 'maskedEmail', 'maskedPhone', 'primaryAccountId', 'at'],
  },
  LoginSucceeded: {
    decode: d.LoginSucceeded,
    lockout: 'SUCCESS_RESET',
    integration: map.loginSucceeded,
    auditFields: ['sessionId', 'method', 'challengeId', 'addressKey', 'expiresAt', 'authenticatorId', 'at'],
  },
  PasswordCheckFailed: {
    refusal: 'INVALID_CREDENTIALS',
    decode: d.PasswordCheckFailed,
    lockout: 'FAILURE',
    integration: map.passwordCheckFailed,
    auditFields: ['consecutiveFailures', 'addressKey', 'windowStartedAt', 'windowFailures', 'at'],
  },
  MfaChallengeIssued: {
    decode: d.MfaChallengeIssued,
    lockout: 'NONE',
    integration: null,
    auditFields: ['challengeId', 'method', 'expiresAt', 'addressKey', 'maxAttempts', 'at'],
  },
  TotpCodeAccepted: {
    decode: d.TotpCodeAccepted,
    lockout: 'NONE',
    integration: null,
    auditFields: ['authenticatorId', 'timeStep', 'purpose', 'reference', 'at'],
  },
  TotpCheckFailed: {
    refusal: 'INVALID_CODE',
    decode: d.TotpCheckFailed,
    lockout: 'FAILURE',
    integration: map.totpCheckFailed,
    auditFields: ['purpose', 'reference', 'reason', 'consecutiveFailures', 'at'],
  },
  LoginCodeCheckFailed: {
    refusal: 'INVALID_CODE',
    decode: d.LoginCodeCheckFailed,
    lockout: 'FAILURE',
    integration: map.loginCodeCheckFailed,
    auditFields: ['challengeId', 'reason', 'consecutiveFailures', 'at'],
  },
  AccountLocked: {
    refusal: 'ACCOUNT_LOCKED',
    decode: d.AccountLocked,
    lockout: 'NONE',
    integration: map.accountLocked,
    auditFields: ['scope', 'addressKey', 'level', 'lockedUntil', 'consecutiveFailures', 'at'],
  },
  AccountUnlocked: {
    decode: d.AccountUnlocked,
    lockout: 'SUCCESS_RESET',
    integration: map.accountUnlocked,
    auditFields: ['scope', 'addressKey', 'reason', 'lockedUntil', 'at'],
  },
  AttemptRejectedWhileLocked: {
    refusal: 'ACCOUNT_LOCKED',
    decode: d.AttemptRejectedWhileLocked,
    lockout: 'NONE',
    integration: map.attemptRejectedWhileLocked,
    auditFields: ['operation', 'lockedUntil', 'at'],
  },
  RejectedAttemptsSummarized: {
    decode: d.RejectedAttemptsSummarized,
    lockout: 'NONE',
    integration: null,
    auditFields: ['count', 'firstAt', 'lastAt', 'ips', 'lockedUntil', 'at'],
  },
  IdentityVerificationStarted: {
    decode: d.IdentityVerificationStarted,
    lockout: 'NONE',
    integration: null,
    auditFields: ['verificationId', 'purpose', 'channel', 'maskedDestination', 'expiresAt', 'scenes', 'method', 'at'],
  },
  IdentityVerified: {
    decode: d.IdentityVerified,
    lockout: 'SUCCESS_RESET',
    integration: null,
    auditFields: ['verificationId', 'validUntil', 'at'],
  },
  VerificationFailed: {
    refusal: 'INVALID_CODE',
    decode: d.VerificationFailed,
    lockout: 'FAILURE',
    integration: null,
    auditFields: ['verificationId', 'reason', 'attempts', 'consecutiveFailures', 'at'],
  },
  ProtectionEnabled: {
    decode: d.ProtectionEnabled,
    lockout: 'NONE',
    integration: map.protectionEnabled,
    auditFields: ['scenes', 'method', 'verificationId', 'at'],
  },
  TotpEnrollmentStarted: {
    decode: d.TotpEnrollmentStarted,
    lockout: 'NONE',
    integration: null,
    auditFields: ['enrollmentId', 'verificationId', 'scenes', 'expiresAt', 'name', 'purpose', 'at'],
  },
  TotpBound: { decode: d.TotpBound, lockout: 'SUCCESS_RESET', integration: null, auditFields: ['authenticatorId', 'name', 'at'] },
  TotpUnbound: { decode: d.TotpUnbound, lockout: 'NONE', integration: null, auditFields: ['authenticatorId', 'at'] },
  ProtectionDisabled: {
    decode: d.ProtectionDisabled,
    lockout: 'NONE',
    integration: map.protectionDisabled,
    auditFields: ['method', 'scenes', 'verificationId', 'at'],
  },
  SessionsEnded: { decode: d.SessionsEnded, lockout: 'NONE', integration: null, auditFields: ['sessionIds', 'reason', 'at'] },
  StepUpSucceeded: {
    decode: d.StepUpSucceeded,
    lockout: 'SUCCESS_RESET',
    integration: null,
    auditFields: ['sessionId', 'method', 'authenticatorId', 'at'],
  },
  ProtectionChanged: {
    decode: d.ProtectionChanged,
    lockout: 'NONE',
    integration: map.protectionChanged,
    auditFields: ['scenesBefore', 'methodBefore', 'scenes', 'method', 'verificationId', 'at'],
  },
  ContactChangeRequested: {
    decode: d.ContactChangeRequested,
    lockout: 'NONE',
    integration: null,
    auditFields: ['verificationId', 'channel', 'maskedDestination', 'expiresAt', 'at'],
  },
  ContactChanged: {
    decode: d.ContactChanged,
    lockout: 'NONE',
    integration: null,
    auditFields: ['verificationId', 'channel', 'maskedDestination', 'at'],
  },
  AuthenticatorRenamed: {
    decode: d.AuthenticatorRenamed,
    lockout: 'NONE',
    integration: null,
    auditFields: ['authenticatorId', 'name', 'at'],
  },
  TotpResynchronized: {
    decode: d.TotpResynchronized,
    lockout: 'NONE',
    integration: null,
    auditFields: ['authenticatorId', 'driftSteps', 'timeStep', 'at'],
  },
  RecoveryCodesGenerated: {
    decode: d.RecoveryCodesGenerated,
    lockout: 'NONE',
    integration: map.recoveryCodesGenerated,
    auditFields: ['setId', 'reason', 'at'],
  },
  RecoveryCodeUsed: {
    decode: d.RecoveryCodeUsed,
    lockout: 'NONE',
    integration: map.recoveryCodeUsed,
    auditFields: ['setId', 'index', 'purpose', 'reference', 'remaining', 'at'],
  },
  RecoveryCodeCheckFailed: {
    refusal: 'INVALID_CODE',
    decode: d.RecoveryCodeCheckFailed,
    lockout: 'FAILURE',
    integration: map.recoveryCodeCheckFailed,
    auditFields: ['purpose', 'reference', 'reason', 'consecutiveFailures', 'at'],
  },
  PasswordChanged: {
    decode: d.PasswordChanged,
    lockout: 'NONE',
    integration: null,
    auditFields: ['reason', 'sessionId', 'verificationId', 'at'],
  },
  AccountErased: {
    decode: d.AccountErased,
    lockout: 'NONE',
    integration: map.accountErased,
    auditFields: ['by', 'sessionId', 'verificationId', 'at'],
  },
  ...LOGON_AID_EVENT_SPECS,
  ...RAM_USER_ACCOUNT_EVENT_REGISTRY,
} as const satisfies EventRegistry<AccountEvent>;

/** Every account event type, for the catalogue and for checking that a stored type is known. */
export const ACCOUNT_EVENT_TYPES: readonly AccountEvent['type'][] = typesOf<AccountEvent>(ACCOUNT_EVENT_REGISTRY);

/** A stored account event as a typed one (validated, old shapes upcast), or MalformedEventError. */
export const decodeAccountEvent = registryDecoder<AccountEvent>(ACCOUNT_EVENT_REGISTRY);
