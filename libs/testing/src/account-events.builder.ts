import { AccountEvent, addSeconds, Instant } from '@identity/domain';

/** Builders for account histories, so specs state only what matters to them. */
export const T0: Instant = '2026-01-01T00:00:00.000Z';
export const at = (seconds: number): Instant => addSeconds(T0, seconds);

export const registered = (overrides: Partial<Extract<AccountEvent, { type: 'AccountRegistered' }>['data']> = {}): AccountEvent => ({
  type: 'AccountRegistered',
  data: {
    accountId: 'acc-1',
    loginName: 'alice',
    passwordHash: '$argon2id$hash',
    email: 'enc:v1:e',
    maskedEmail: 'a***e@example.com',
    phone: 'enc:v1:p',
    maskedPhone: '+86*******5678',
    primaryAccountId: null,
    at: T0,
    ...overrides,
  },
});

export const verificationStarted = (
  verificationId = 'ver-1',
  method: 'TOTP' | 'SMS' | 'EMAIL' = 'TOTP',
  startedAt = at(10),
): AccountEvent => ({
  type: 'IdentityVerificationStarted',
  data: {
    verificationId,
    purpose: 'ENABLE_PROTECTION',
    channel: 'SMS',
    maskedDestination: '+86*******5678',
    codeHash: 'hash-of-123456',
    expiresAt: addSeconds(startedAt, 300),
    scenes: ['LOGON'],
    method,
    at: startedAt,
  },
});

export const identityVerified = (verificationId = 'ver-1', verifiedAt = at(20)): AccountEvent => ({
  type: 'IdentityVerified',
  data: { verificationId, validUntil: addSeconds(verifiedAt, 600), at: verifiedAt },
});

type EnrollmentData = Extract<AccountEvent, { type: 'TotpEnrollmentStarted' }>['data'];

export const enrollmentStarted = (enrollmentId = 'enr-1', startedAt = at(30), overrides: Partial<EnrollmentData> = {}): AccountEvent => ({
  type: 'TotpEnrollmentStarted',
  data: {
    enrollmentId,
    verificationId: 'ver-1',
    scenes: ['LOGON'],
    secret: 'enc:v1:s',
    expiresAt: addSeconds(startedAt, 600),
    name: 'Authenticator',
    purpose: 'ENABLE_PROTECTION',
    at: startedAt,
    ...overrides,
  },
});

/** The binding of an enrollment: its code's step accepted, then the authenticator bound. */
export const totpBound = (authenticatorId = 'enr-1', boundAt = at(40), timeStep = 1000, name = 'Authenticator'): AccountEvent[] => [
  { type: 'TotpCodeAccepted', data: { authenticatorId, timeStep, purpose: 'BIND', reference: authenticatorId, at: boundAt } },
  { type: 'TotpBound', data: { authenticatorId, secret: `enc:v1:${authenticatorId}`, name, at: boundAt } },
];

/** A history up to a bound authenticator (`enr-1`) with logon protection, the TOTP code of step 1000 spent. */
export const totpProtected = (): AccountEvent[] => [
  registered(),
  verificationStarted(),
  identityVerified(),
  enrollmentStarted(),
  ...totpBound('enr-1', at(40), 1000).map((e) => (e.type === 'TotpBound' ? { ...e, data: { ...e.data, secret: 'enc:v1:s' } } : e)),
  { type: 'ProtectionEnabled', data: { scenes: ['LOGON'], method: 'TOTP', verificationId: 'ver-1', at: at(40) } },
];

/** A verified ADD_AUTHENTICATOR verification (by SMS), valid for 600 s after `verifiedAt`. */
export const addAuthenticatorVerified = (verificationId = 'add-1', startedAt = at(50), verifiedAt = at(55)): AccountEvent[] => [
  {
    type: 'IdentityVerificationStarted',
    data: {
      verificationId,
      purpose: 'ADD_AUTHENTICATOR',
      channel: 'SMS',
      maskedDestination: '+86*******5678',
      codeHash: 'hash-of-654321',
      expiresAt: addSeconds(startedAt, 300),
      scenes: ['LOGON'],
      method: 'TOTP',
      at: startedAt,
    },
  },
  identityVerified(verificationId, verifiedAt),
];

/** totpProtected, then a second authenticator `enr-2` ("work phone", bound at 70 s with step 2000). */
export const twoTotpAuthenticators = (): AccountEvent[] => [
  ...totpProtected(),
  ...addAuthenticatorVerified(),
  enrollmentStarted('enr-2', at(60), { verificationId: 'add-1', purpose: 'ADD_AUTHENTICATOR', name: 'work phone', secret: 'enc:v1:enr-2' }),
  ...totpBound('enr-2', at(70), 2000, 'work phone'),
];

/** A lock reached by five wrong passwords at `lockedAt`, until `lockedAt` + 900 s, as a version before scopes stored it. */
export const lockedOut = (lockedAt = at(200)): AccountEvent[] => [
  ...[1, 2, 3, 4, 5].map((consecutiveFailures): AccountEvent => ({
    type: 'PasswordCheckFailed',
    data: { consecutiveFailures, addressKey: null, windowStartedAt: null, windowFailures: null, at: lockedAt },
  })),
  {
    type: 'AccountLocked',
    data: { scope: 'ACCOUNT', addressKey: null, level: 0, lockedUntil: addSeconds(lockedAt, 900), consecutiveFailures: 5, at: lockedAt },
  },
];

export const challengeIssued = (challengeId = 'ch-1', issuedAt = at(100)): AccountEvent => ({
  type: 'MfaChallengeIssued',
  data: {
    challengeId,
    method: 'TOTP',
    codeHash: null,
    expiresAt: addSeconds(issuedAt, 300),
    addressKey: 'addr-a',
    maxAttempts: 3,
    at: issuedAt,
  },
});

/** A logon that starts session `sessionId` at `startedAt`, for 900 s; by `method` (TOTP: authenticator `enr-1`). */
export const sessionStarted = (sessionId = 'ses-1', startedAt = at(100), method: 'PASSWORD' | 'TOTP' = 'PASSWORD'): AccountEvent => ({
  type: 'LoginSucceeded',
  data: {
    sessionId,
    method,
    challengeId: method === 'PASSWORD' ? null : `ch-${sessionId}`,
    addressKey: 'addr-a',
    expiresAt: addSeconds(startedAt, 900),
    authenticatorId: method === 'PASSWORD' ? null : 'enr-1',
    at: startedAt,
  },
});

/** totpProtected, with protection covering LOGON and SENSITIVE_OPERATION. */
export const totpProtectedSensitive = (): AccountEvent[] =>
  totpProtected().map((e) =>
    e.type === 'ProtectionEnabled' ? { ...e, data: { ...e.data, scenes: ['LOGON', 'SENSITIVE_OPERATION'] } } : e,
  );
