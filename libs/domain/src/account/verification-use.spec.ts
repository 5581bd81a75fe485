import {
  at,
  deciderSpec,
  enrollmentStarted,
  identityVerified,
  registered,
  totpProtected,
  twoTotpAuthenticators,
  verificationStarted,
} from '@identity/testing';
import { DEFAULT_SECURITY_POLICY } from './account.commands';
import { accountDecider } from './account.decider';
import { AccountEvent } from './account.events';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const spec = deciderSpec(decider);
const fold = (events: AccountEvent[]) => events.reduce(decider.evolve, decider.initialState());

const disableRequested: AccountEvent = {
  type: 'IdentityVerificationStarted',
  data: {
    verificationId: 'dis-1',
    purpose: 'DISABLE_PROTECTION',
    channel: 'SMS',
    maskedDestination: '+86*******5678',
    codeHash: 'hash-of-654321',
    expiresAt: at(400),
    scenes: ['LOGON'],
    method: 'TOTP',
    at: at(100),
  },
};
const disable = (secondFactor: { proof: { kind: 'TOTP'; authenticatorId: string; timeStep: number } | null } | null) => ({
  type: 'DisableProtection' as const,
  now: at(110),
  verificationId: 'dis-1',
  codeHash: 'hash-of-654321',
  secondFactor,
});
const FRESH = { proof: { kind: 'TOTP' as const, authenticatorId: 'enr-1', timeStep: 1001 } };
const begin = (verificationId: string, now = at(120)) => ({
  type: 'BeginTotpBinding' as const,
  now,
  verificationId,
  enrollmentId: 'enr-9',
  secret: 'enc:v1:x',
});

describe('a verification serves one operation', () => {
  it('refuses the old enable verification after disableProtection, still inside its window', () => {
    const disabled = [
      ...totpProtected(),
      disableRequested,
      ...spec
        .given([...totpProtected(), disableRequested])
        .when(disable(FRESH))
        .events(),
    ];
    expect(fold(disabled).protection.enabled).toBe(false);
    spec.given(disabled).when(begin('ver-1')).thenThrows('VERIFICATION_REQUIRED');
  });

  it('is consumed by the binding it served: an ADD_AUTHENTICATOR verification adds one device', () =>
    spec
      .given(twoTotpAuthenticators())
      .when(begin('add-1', at(80)))
      .thenThrows('VERIFICATION_REQUIRED'));

  it('voids every pending verification and enrollment once protection changes', () => {
    const pending = [
      registered(),
      verificationStarted('ver-1', 'TOTP'),
      identityVerified(),
      enrollmentStarted('enr-1'),
      verificationStarted('ver-2', 'SMS', at(31)),
      { type: 'ProtectionEnabled', data: { scenes: ['LOGON'], method: 'SMS', verificationId: 'ver-0', at: at(35) } } as AccountEvent,
    ];
    spec
      .given(pending)
      .when({ type: 'VerifyIdentity', now: at(36), verificationId: 'ver-2', codeHash: 'hash-of-123456' })
      .thenMatch([{ type: 'VerificationFailed', data: { reason: 'UNKNOWN_REFERENCE' } }]);
    spec
      .given(pending)
      .when({ type: 'BindTotp', now: at(36), enrollmentId: 'enr-1', matchedTimeStep: 9 })
      .thenThrows('VERIFICATION_REQUIRED');
    spec
      .given(pending)
      .when(begin('ver-1', at(36)))
      .thenThrows('VERIFICATION_REQUIRED');
  });
});

describe('disableProtection of TOTP protection', () => {
  const history = [...totpProtected(), disableRequested];
  it('refuses the SMS code alone, before checking it', () => spec.given(history).when(disable(null)).thenThrows('SECOND_FACTOR_REQUIRED'));

  it('records a wrong TOTP code as a failure and leaves the SMS code usable with the right one', () => {
    const failed = spec
      .given(history)
      .when(disable({ proof: null }))
      .events();
    expect(failed).toEqual([
      {
        type: 'TotpCheckFailed',
        data: { purpose: 'PROTECTION_CHANGE', reference: 'dis-1', reason: 'WRONG_CODE', consecutiveFailures: 1, at: at(110) },
      },
    ]);
    spec
      .given([...history, ...failed])
      .when(disable(FRESH))
      .thenMatch([{ type: 'IdentityVerified' }, { type: 'TotpCodeAccepted' }, { type: 'TotpUnbound' }, { type: 'ProtectionDisabled' }]);
  });
});

describe('proven destinations', () => {
  it('counts a destination that answered a verification in old events as proven, and no other', () => {
    const state = fold(totpProtected());
    expect(state.phoneProvenAt).toBe(at(20));
    expect(state.emailProvenAt).toBeNull();
    expect(fold([registered()]).phoneProvenAt).toBeNull();
  });

  it('does not make an unproven email the logon channel through a verification by SMS', () => {
    const enable = (channel: 'SMS' | 'EMAIL') => ({
      type: 'EnableProtection' as const,
      now: at(10),
      verificationId: 'v',
      codeHash: 'h',
      scenes: ['LOGON' as const],
      method: 'EMAIL' as const,
      channel,
    });
    spec.given([registered()]).when(enable('SMS')).thenThrows('INVALID_REQUEST', 'verifyBy');
    spec
      .given([registered()])
      .when(enable('EMAIL'))
      .thenMatch([{ type: 'IdentityVerificationStarted', data: { channel: 'EMAIL', method: 'EMAIL' } }]);
    const emailProven = [
      registered(),
      { ...verificationStarted('e-1', 'TOTP'), data: { ...verificationStarted('e-1').data, channel: 'EMAIL' } } as AccountEvent,
      identityVerified('e-1'),
    ];
    spec
      .given(emailProven)
      .when(enable('SMS'))
      .thenMatch([{ type: 'IdentityVerificationStarted', data: { channel: 'SMS', method: 'EMAIL' } }]);
  });
});

describe('moving from SMS to TOTP', () => {
  it('binds through enableProtection and records a change, not a second enabling', () => {
    const sms = [
      registered(),
      verificationStarted('ver-0', 'SMS', at(1)),
      identityVerified('ver-0', at(2)),
      { type: 'ProtectionEnabled', data: { scenes: ['LOGON'], method: 'SMS', verificationId: 'ver-0', at: at(3) } } as AccountEvent,
      verificationStarted('ver-1', 'TOTP', at(10)),
      identityVerified('ver-1', at(20)),
      enrollmentStarted('enr-1', at(30)),
    ];
    spec
      .given(sms)
      .when({ type: 'BindTotp', now: at(40), enrollmentId: 'enr-1', matchedTimeStep: 5 })
      .thenMatch([
        { type: 'TotpCodeAccepted' },
        { type: 'TotpBound' },
        {
          type: 'ProtectionChanged',
          data: { methodBefore: 'SMS', method: 'TOTP', scenesBefore: ['LOGON'], scenes: ['LOGON'], verificationId: 'ver-1' },
        },
      ]);
  });
});
