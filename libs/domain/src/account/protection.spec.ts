import { at, deciderSpec, enrollmentStarted, identityVerified, registered, verificationStarted } from '@identity/testing';
import { accountDecider } from './account.decider';
import { DEFAULT_SECURITY_POLICY } from './account.commands';
import { AccountEvent } from './account.events';
import { applyToSecurityView } from './account-security.view';
import { evolveAccount } from './account.evolve';
import { initialAccountState } from './account.state';

const spec = deciderSpec(accountDecider(DEFAULT_SECURITY_POLICY));

describe('EnableProtection', () => {
  const enable = (verifyBy: 'SMS' | 'EMAIL' = 'SMS', method: 'TOTP' | 'SMS' | 'EMAIL' = 'TOTP') => ({
    type: 'EnableProtection' as const,
    now: at(10),
    verificationId: 'ver-1',
    scenes: ['LOGON' as const, 'LOGON' as const],
    method,
    channel: verifyBy,
    codeHash: 'hash-of-123456',
  });
  it('starts an identity verification by the chosen channel, masked', () =>
    spec.given([registered()]).when(enable()).then([verificationStarted()]));
  it('refuses a channel the account has no destination for', () =>
    spec
      .given([registered({ email: null, maskedEmail: null })])
      .when(enable('EMAIL'))
      .thenThrows('INVALID_REQUEST', 'verifyBy'));
  it('refuses SMS protection without a phone', () =>
    spec
      .given([registered({ phone: null, maskedPhone: null })])
      .when(enable('EMAIL', 'SMS'))
      .thenThrows('INVALID_REQUEST', 'method'));
  it('refuses an empty list of scenes', () =>
    spec
      .given([registered()])
      .when({ ...enable(), scenes: [] })
      .thenThrows('INVALID_REQUEST', 'scenes'));
});

describe('VerifyIdentity', () => {
  const verify = (codeHash: string, now = at(20), verificationId = 'ver-1') => ({
    type: 'VerifyIdentity' as const,
    now,
    verificationId,
    codeHash,
  });

  it('verifies with the right code; TOTP protection waits for the binding', () =>
    spec.given([registered(), verificationStarted()]).when(verify('hash-of-123456')).then([identityVerified()]));

  it('turns SMS protection on once verified', () =>
    spec
      .given([registered(), verificationStarted('ver-1', 'SMS')])
      .when(verify('hash-of-123456'))
      .thenMatch([
        { type: 'IdentityVerified' },
        { type: 'ProtectionEnabled', data: { scenes: ['LOGON'], method: 'SMS', verificationId: 'ver-1' } },
      ]));

  it('records a wrong code and counts the attempt', () =>
    spec
      .given([registered(), verificationStarted()])
      .when(verify('wrong'))
      .then([
        {
          type: 'VerificationFailed',
          data: { verificationId: 'ver-1', reason: 'WRONG_CODE', attempts: 1, consecutiveFailures: 1, at: at(20) },
        },
      ]));

  it('refuses an expired code', () =>
    spec
      .given([registered(), verificationStarted()])
      .when(verify('hash-of-123456', at(310)))
      .thenMatch([{ type: 'VerificationFailed', data: { reason: 'EXPIRED' } }]));

  it('refuses the right code after the attempts are used up', () => {
    const wrong = (n: number): AccountEvent => ({
      type: 'VerificationFailed',
      data: { verificationId: 'ver-1', reason: 'WRONG_CODE', attempts: n, consecutiveFailures: 0, at: at(11) },
    });
    const history = [registered(), verificationStarted(), ...[1, 2, 3, 4, 5].map(wrong)];
    spec
      .given(history)
      .when(verify('hash-of-123456'))
      .thenMatch([{ type: 'VerificationFailed', data: { reason: 'ATTEMPTS_EXHAUSTED' } }]);
  });

  it('refuses an unknown verification', () =>
    spec
      .given([registered()])
      .when(verify('hash-of-123456', at(20), 'ver-x'))
      .thenMatch([{ type: 'VerificationFailed', data: { reason: 'UNKNOWN_REFERENCE' } }]));
});

describe('BeginTotpBinding', () => {
  const begin = (now = at(30), verificationId = 'ver-1') => ({
    type: 'BeginTotpBinding' as const,
    now,
    verificationId,
    enrollmentId: 'enr-1',
    secret: 'enc:v1:s',
  });
  it('starts an enrollment after a verification', () =>
    spec.given([registered(), verificationStarted(), identityVerified()]).when(begin()).then([enrollmentStarted()]));
  it('needs a verification first', () =>
    spec.given([registered(), verificationStarted()]).when(begin()).thenThrows('VERIFICATION_REQUIRED'));
  it('needs a fresh verification', () =>
    spec
      .given([registered(), verificationStarted(), identityVerified()])
      .when(begin(at(20 + 601)))
      .thenThrows('VERIFICATION_REQUIRED'));
  it('needs a verification started for TOTP', () =>
    spec
      .given([registered(), verificationStarted('ver-1', 'EMAIL'), identityVerified()])
      .when(begin())
      .thenThrows('VERIFICATION_REQUIRED'));
});

describe('BindTotp', () => {
  const history = () => [registered(), verificationStarted(), identityVerified(), enrollmentStarted()];
  const bind = (matchedTimeStep: number | null, now = at(40), enrollmentId = 'enr-1') => ({
    type: 'BindTotp' as const,
    now,
    enrollmentId,
    matchedTimeStep,
  });

  it('binds the authenticator and turns protection on for the chosen scenes', () =>
    spec
      .given(history())
      .when(bind(1000))
      .then([
        { type: 'TotpCodeAccepted', data: { authenticatorId: 'enr-1', timeStep: 1000, purpose: 'BIND', reference: 'enr-1', at: at(40) } },
        { type: 'TotpBound', data: { authenticatorId: 'enr-1', secret: 'enc:v1:s', name: 'Authenticator', at: at(40) } },
        { type: 'ProtectionEnabled', data: { scenes: ['LOGON'], method: 'TOTP', verificationId: 'ver-1', at: at(40) } },
      ]));

  it('records a wrong code', () =>
    spec
      .given(history())
      .when(bind(null))
      .thenMatch([{ type: 'TotpCheckFailed', data: { purpose: 'BIND', reason: 'WRONG_CODE' } }]));

  it('refuses to bind the same enrollment twice', () => {
    const bound = [...history(), ...spec.given(history()).when(bind(1000)).events()];
    spec.given(bound).when(bind(1001)).thenThrows('ENROLLMENT_ALREADY_BOUND');
  });

  it('refuses an expired or unknown enrollment', () => {
    spec
      .given(history())
      .when(bind(1000, at(30 + 601)))
      .thenThrows('VERIFICATION_REQUIRED');
    spec
      .given(history())
      .when(bind(1000, at(40), 'enr-x'))
      .thenThrows('VERIFICATION_REQUIRED');
  });

  it('shows the binding in the security view', () => {
    const events = [...history(), ...spec.given(history()).when(bind(1000)).events()];
    const view = events.reduce(applyToSecurityView, null);
    expect(view).toMatchObject({ protectionEnabled: true, scenes: ['LOGON'], method: 'TOTP', totpBound: true, totpBoundAt: at(40) });
  });

  it('forgets expired challenges, so a long history stays small', () => {
    const state = [
      ...history(),
      { type: 'MfaChallengeIssued', data: { challengeId: 'c', method: 'TOTP', codeHash: null, expiresAt: at(50), at: at(45) } },
      { type: 'PasswordCheckFailed', data: { consecutiveFailures: 1, at: at(2000) } },
    ].reduce((s, e) => evolveAccount(s, e as AccountEvent), initialAccountState());
    expect(state.challenges).toEqual({});
    expect(state.enrollments).toEqual({});
  });
});
