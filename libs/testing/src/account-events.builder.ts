import { AccountEvent, addSeconds, Instant } from '@identity/domain';

/** Builders for account histories, so specs state only what matters to them. */
export const T0: Instant = '2026-01-01T00:00:00.000Z';
export const at = (seconds: number): Instant => addSeconds(T0, seconds);

export const registered = (overrides: Partial<Extract<AccountEvent, { type: 'AccountRegistered' }>['data']> = {}): AccountEvent => ({
  type: 'AccountRegistered',
  data: {
    accountId: 'acc-1', loginName: 'alice', passwordHash: '$argon2id$hash', email: 'enc:v1:e', maskedEmail: 'a***e@example.com',
    phone: 'enc:v1:p', maskedPhone: '+86*******5678', primaryAccountId: null, at: T0, ...overrides,
  },
});

export const verificationStarted = (verificationId = 'ver-1', method: 'TOTP' | 'SMS' | 'EMAIL' = 'TOTP', startedAt = at(10)): AccountEvent => ({
  type: 'IdentityVerificationStarted',
  data: {
    verificationId, purpose: 'ENABLE_PROTECTION', channel: 'SMS', maskedDestination: '+86*******5678', codeHash: 'hash-of-123456',
    expiresAt: addSeconds(startedAt, 300), scenes: ['LOGON'], method, at: startedAt,
  },
});

export const identityVerified = (verificationId = 'ver-1', verifiedAt = at(20)): AccountEvent => ({
  type: 'IdentityVerified', data: { verificationId, validUntil: addSeconds(verifiedAt, 600), at: verifiedAt },
});

export const enrollmentStarted = (enrollmentId = 'enr-1', startedAt = at(30)): AccountEvent => ({
  type: 'TotpEnrollmentStarted',
  data: { enrollmentId, verificationId: 'ver-1', scenes: ['LOGON'], secret: 'enc:v1:s', expiresAt: addSeconds(startedAt, 600), at: startedAt },
});

/** A history up to a bound authenticator with logon protection, the TOTP code of step 1000 spent. */
export const totpProtected = (): AccountEvent[] => [
  registered(), verificationStarted(), identityVerified(), enrollmentStarted(),
  { type: 'TotpCodeAccepted', data: { authenticatorId: 'enr-1', timeStep: 1000, purpose: 'BIND', reference: 'enr-1', at: at(40) } },
  { type: 'TotpBound', data: { authenticatorId: 'enr-1', secret: 'enc:v1:s', at: at(40) } },
  { type: 'ProtectionEnabled', data: { scenes: ['LOGON'], method: 'TOTP', verificationId: 'ver-1', at: at(40) } },
];

export const challengeIssued = (challengeId = 'ch-1', issuedAt = at(100)): AccountEvent => ({
  type: 'MfaChallengeIssued',
  data: { challengeId, method: 'TOTP', codeHash: null, expiresAt: addSeconds(issuedAt, 300), at: issuedAt },
});
