/**
 * One stored event of every type, with the exact JSON shapes the deciders of main before issue 8
 * (commit 4903400) write: no `name`/`purpose` on TotpEnrollmentStarted, no `name` on TotpBound.
 * Decode specs read them with the new code; keep them as they are (stored events are permanent).
 */
export const MAIN_ACCOUNT_EVENT_SHAPES = {
  AccountRegistered: {
    accountId: 'acc-1',
    loginName: 'alice',
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
    email: 'enc:v1:k1:e',
    maskedEmail: 'a***e@example.com',
    phone: 'enc:v1:k1:p',
    maskedPhone: '+86*******5678',
    primaryAccountId: null,
    at: '2026-01-01T00:00:00.000Z',
  },
  LoginSucceeded: { sessionId: 'ses-1', method: 'TOTP', challengeId: 'ch-1', at: '2026-01-01T00:02:00.000Z' },
  PasswordCheckFailed: { consecutiveFailures: 1, at: '2026-01-01T00:03:00.000Z' },
  MfaChallengeIssued: {
    challengeId: 'ch-1',
    method: 'TOTP',
    codeHash: null,
    expiresAt: '2026-01-01T00:06:40.000Z',
    at: '2026-01-01T00:01:40.000Z',
  },
  TotpCodeAccepted: { authenticatorId: 'enr-1', timeStep: 59000001, purpose: 'LOGIN', reference: 'ch-1', at: '2026-01-01T00:02:00.000Z' },
  TotpCheckFailed: {
    purpose: 'LOGIN',
    reference: 'ch-1',
    reason: 'REPLAYED_CODE',
    consecutiveFailures: 2,
    at: '2026-01-01T00:02:10.000Z',
  },
  LoginCodeCheckFailed: { challengeId: 'ch-2', reason: 'WRONG_CODE', consecutiveFailures: 3, at: '2026-01-01T00:04:00.000Z' },
  AccountLocked: { lockedUntil: '2026-01-01T00:20:00.000Z', consecutiveFailures: 5, at: '2026-01-01T00:05:00.000Z' },
  AccountUnlocked: { reason: 'LOCK_EXPIRED', lockedUntil: '2026-01-01T00:20:00.000Z', at: '2026-01-01T00:21:00.000Z' },
  AttemptRejectedWhileLocked: { operation: 'LOGIN', lockedUntil: '2026-01-01T00:20:00.000Z', at: '2026-01-01T00:06:00.000Z' },
  IdentityVerificationStarted: {
    verificationId: 'ver-1',
    purpose: 'ENABLE_PROTECTION',
    channel: 'SMS',
    maskedDestination: '+86*******5678',
    codeHash: 'hmac-sha256:abc',
    expiresAt: '2026-01-01T00:05:10.000Z',
    scenes: ['LOGON', 'SENSITIVE_OPERATION'],
    method: 'TOTP',
    at: '2026-01-01T00:00:10.000Z',
  },
  IdentityVerified: { verificationId: 'ver-1', validUntil: '2026-01-01T00:10:20.000Z', at: '2026-01-01T00:00:20.000Z' },
  VerificationFailed: {
    verificationId: 'ver-1',
    reason: 'WRONG_CODE',
    attempts: 1,
    consecutiveFailures: 1,
    at: '2026-01-01T00:00:15.000Z',
  },
  ProtectionEnabled: { scenes: ['LOGON'], method: 'TOTP', verificationId: 'ver-1', at: '2026-01-01T00:00:40.000Z' },
  TotpEnrollmentStarted: {
    enrollmentId: 'enr-1',
    verificationId: 'ver-1',
    scenes: ['LOGON'],
    secret: 'enc:v1:k1:s',
    expiresAt: '2026-01-01T00:10:30.000Z',
    at: '2026-01-01T00:00:30.000Z',
  },
  TotpBound: { authenticatorId: 'enr-1', secret: 'enc:v1:k1:s', at: '2026-01-01T00:00:40.000Z' },
  TotpUnbound: { authenticatorId: 'enr-1', at: '2026-01-01T01:00:00.000Z' },
  ProtectionDisabled: { method: 'TOTP', scenes: ['LOGON'], verificationId: 'dis-1', at: '2026-01-01T01:00:00.000Z' },
} as const;

export const MAIN_OTHER_EVENT_SHAPES = {
  LoginNameClaimed: { loginName: 'alice', accountId: 'acc-1', at: '2026-01-01T00:00:00.000Z' },
  ApiKeyCreated: { keyId: 'key-1', name: 'ops', role: 'auditor', secretHash: 'sha256:abc', at: '2026-01-01T00:00:00.000Z' },
  UnknownLoginNameAttempted: { attempt: 3, at: '2026-01-01T00:00:00.000Z' },
  WebhookCreated: {
    webhookId: 'wh-1',
    ownerKeyId: 'key-2',
    url: 'https://hooks.example.com/x',
    eventTypes: ['identity.mfa.enabled.v1'],
    secret: 'enc:v1:k2:w',
    at: '2026-01-01T00:00:00.000Z',
  },
  WebhookSecretRotated: {
    webhookId: 'wh-1',
    secret: 'enc:v1:k2:w2',
    previousSecretValidUntil: '2026-01-02T00:00:00.000Z',
    at: '2026-01-01T00:00:00.000Z',
  },
  WebhookDeleted: { webhookId: 'wh-1', at: '2026-01-01T00:00:00.000Z' },
  WebhookMarkedFailing: { webhookId: 'wh-1', consecutiveFailures: 5, lastError: 'HTTP 500', at: '2026-01-01T00:00:00.000Z' },
  WebhookResumed: { webhookId: 'wh-1', at: '2026-01-01T00:00:00.000Z' },
} as const;

/** A plain mutable copy of a stored shape, as a store hands it back. */
export const storedData = (shape: object): Record<string, unknown> => JSON.parse(JSON.stringify(shape)) as Record<string, unknown>;
