import {
  addAuthenticatorVerified,
  at,
  challengeIssued,
  deciderSpec,
  enrollmentStarted,
  identityVerified,
  totpProtected,
  twoTotpAuthenticators,
  verificationStarted,
} from '@identity/testing';
import { DEFAULT_SECURITY_POLICY } from '../../account.commands';
import { accountDecider } from '../../account.decider';
import { AccountEvent } from '../../account.events';
import { securityViewOf } from '../../account-security.view';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const spec = deciderSpec(decider);
const fold = (events: AccountEvent[]) => events.reduce(decider.evolve, decider.initialState());
const complete = (authenticatorId: string, timeStep: number, now = at(110)) => ({
  type: 'CompleteLogin' as const,
  now,
  challengeId: 'ch-1',
  sessionId: 's',
  proof: { kind: 'TOTP' as const, authenticatorId, timeStep },
});
const withChallenge = () => [...twoTotpAuthenticators(), challengeIssued('ch-1', at(100))];

describe('two TOTP authenticators', () => {
  it('both log on, each by its own proof', () => {
    spec
      .given(withChallenge())
      .when(complete('enr-1', 1001))
      .thenMatch([
        { type: 'TotpCodeAccepted', data: { authenticatorId: 'enr-1', timeStep: 1001, purpose: 'LOGIN' } },
        { type: 'LoginSucceeded' },
      ]);
    spec
      .given(withChallenge())
      .when(complete('enr-2', 2001))
      .thenMatch([
        { type: 'TotpCodeAccepted', data: { authenticatorId: 'enr-2', timeStep: 2001, purpose: 'LOGIN' } },
        { type: 'LoginSucceeded' },
      ]);
  });

  it("never lets a code of one spend the other's time step", () => {
    const afterFirst = [...withChallenge(), ...spec.given(withChallenge()).when(complete('enr-1', 1500)).events()];
    expect(fold(afterFirst).authenticators['enr-2']?.lastAcceptedTimeStep).toBe(2000);
    expect(fold(afterFirst).authenticators['enr-1']?.lastAcceptedTimeStep).toBe(1500);
    const again = [...afterFirst, challengeIssued('ch-1', at(120))];
    spec
      .given(again)
      .when(complete('enr-2', 2001, at(130)))
      .thenMatch([{ type: 'TotpCodeAccepted' }, { type: 'LoginSucceeded' }]);
    spec
      .given(again)
      .when(complete('enr-1', 1500, at(130)))
      .thenMatch([{ type: 'TotpCheckFailed', data: { reason: 'REPLAYED_CODE' } }]);
  });

  it('refuses a proof naming an authenticator the account does not have', () =>
    spec
      .given(withChallenge())
      .when(complete('enr-9', 5000))
      .thenMatch([{ type: 'TotpCheckFailed', data: { reason: 'WRONG_CODE' } }]));

  it('records when each was bound and last used, with its name', () => {
    const history = [...withChallenge(), ...spec.given(withChallenge()).when(complete('enr-2', 2001)).events()];
    expect(securityViewOf(fold(history)).authenticators).toEqual([
      { id: 'enr-1', kind: 'TOTP', name: 'Authenticator', boundAt: at(40), lastUsedAt: null, driftSteps: 0 },
      { id: 'enr-2', kind: 'TOTP', name: 'work phone', boundAt: at(70), lastUsedAt: at(110), driftSteps: 0 },
    ]);
  });
});

describe('adding a further authenticator', () => {
  const request = {
    type: 'RequestVerification' as const,
    now: at(50),
    verificationId: 'add-1',
    purpose: 'ADD_AUTHENTICATOR' as const,
    channel: 'SMS' as const,
    codeHash: 'hash-of-654321',
  };

  it('starts a general verification recording the protection in force', () =>
    spec
      .given(totpProtected())
      .when(request)
      .then([addAuthenticatorVerified()[0] as AccountEvent]));

  it('verifies it without turning protection on again', () => {
    const history = [...totpProtected(), addAuthenticatorVerified()[0] as AccountEvent];
    spec
      .given(history)
      .when({ type: 'VerifyIdentity', now: at(55), verificationId: 'add-1', codeHash: 'hash-of-654321' })
      .then([addAuthenticatorVerified()[1] as AccountEvent]);
  });

  it('begins a named binding with it, and binds without ProtectionEnabled', () => {
    const verified = [...totpProtected(), ...addAuthenticatorVerified()];
    const begin = {
      type: 'BeginTotpBinding' as const,
      now: at(60),
      verificationId: 'add-1',
      enrollmentId: 'enr-2',
      secret: 'enc:v1:enr-2',
      name: '  work phone ',
    };
    spec
      .given(verified)
      .when(begin)
      .then([
        enrollmentStarted('enr-2', at(60), {
          verificationId: 'add-1',
          purpose: 'ADD_AUTHENTICATOR',
          name: 'work phone',
          secret: 'enc:v1:enr-2',
        }),
      ]);
    const begun = [...verified, ...spec.given(verified).when(begin).events()];
    spec
      .given(begun)
      .when({ type: 'BindTotp', now: at(70), enrollmentId: 'enr-2', matchedTimeStep: 2000 })
      .then([
        { type: 'TotpCodeAccepted', data: { authenticatorId: 'enr-2', timeStep: 2000, purpose: 'BIND', reference: 'enr-2', at: at(70) } },
        { type: 'TotpBound', data: { authenticatorId: 'enr-2', secret: 'enc:v1:enr-2', name: 'work phone', at: at(70) } },
      ]);
  });

  it('also takes an ENABLE_PROTECTION verification for TOTP, and still does not enable protection again', () => {
    const reverified = [...totpProtected(), verificationStarted('ver-2', 'TOTP', at(50)), identityVerified('ver-2', at(55))];
    const begun = [
      ...reverified,
      ...spec
        .given(reverified)
        .when({
          type: 'BeginTotpBinding',
          now: at(60),
          verificationId: 'ver-2',
          enrollmentId: 'enr-2',
          secret: 'enc:v1:enr-2',
        })
        .events(),
    ];
    spec
      .given(begun)
      .when({ type: 'BindTotp', now: at(70), enrollmentId: 'enr-2', matchedTimeStep: 2000 })
      .thenMatch([{ type: 'TotpCodeAccepted' }, { type: 'TotpBound', data: { name: 'Authenticator' } }]);
  });

  it('does not bind a first authenticator: that goes through enabling protection', () => {
    const noneBound = [...totpProtected().slice(0, 1), ...addAuthenticatorVerified()];
    spec
      .given(noneBound)
      .when({ type: 'BeginTotpBinding', now: at(60), verificationId: 'add-1', enrollmentId: 'enr-2', secret: 'enc:v1:x' })
      .thenThrows('VERIFICATION_REQUIRED');
  });

  it('refuses a name that is empty or too long', () => {
    const verified = [...totpProtected(), ...addAuthenticatorVerified()];
    const begin = (name: string) => ({
      type: 'BeginTotpBinding' as const,
      now: at(60),
      verificationId: 'add-1',
      enrollmentId: 'enr-2',
      secret: 'enc:v1:x',
      name,
    });
    spec.given(verified).when(begin('   ')).thenThrows('INVALID_REQUEST', 'name');
    spec
      .given(verified)
      .when(begin('x'.repeat(65)))
      .thenThrows('INVALID_REQUEST', 'name');
  });

  it('refuses a verification that is not verified, or was started for disabling', () => {
    const pending = [...totpProtected(), addAuthenticatorVerified()[0] as AccountEvent];
    spec
      .given(pending)
      .when({ type: 'BeginTotpBinding', now: at(60), verificationId: 'add-1', enrollmentId: 'enr-2', secret: 'enc:v1:x' })
      .thenThrows('VERIFICATION_REQUIRED');
    const disabling = [
      ...totpProtected(),
      ...addAuthenticatorVerified('dis-1').map((e) =>
        e.type === 'IdentityVerificationStarted' ? { ...e, data: { ...e.data, purpose: 'DISABLE_PROTECTION' as const } } : e,
      ),
    ];
    spec
      .given(disabling)
      .when({ type: 'BeginTotpBinding', now: at(60), verificationId: 'dis-1', enrollmentId: 'enr-2', secret: 'enc:v1:x' })
      .thenThrows('VERIFICATION_REQUIRED');
  });

  it('is not taken for disabling protection, even with its right code', () =>
    spec
      .given([...totpProtected(), ...addAuthenticatorVerified()])
      .when({
        type: 'DisableProtection',
        now: at(60),
        verificationId: 'add-1',
        codeHash: 'hash-of-654321',
        secondFactor: { proof: { kind: 'TOTP', authenticatorId: 'enr-1', timeStep: 1001 } },
      })
      .thenMatch([{ type: 'VerificationFailed', data: { verificationId: 'add-1', reason: 'UNKNOWN_REFERENCE' } }]));

  it('refuses RequestVerification for an account without that destination', () =>
    spec
      .given([{ ...totpProtected()[0], data: { ...totpProtected()[0]?.data, phone: null, maskedPhone: null } } as AccountEvent])
      .when(request)
      .thenThrows('INVALID_REQUEST', 'verifyBy'));
});

describe('the authenticator limit', () => {
  const limited = accountDecider({ ...DEFAULT_SECURITY_POLICY, maxTotpAuthenticators: 2 });
  const limitedSpec = deciderSpec(limited);

  it('refuses to begin or bind one more than the policy allows', () => {
    const begin = { type: 'BeginTotpBinding' as const, now: at(80), verificationId: 'add-1', enrollmentId: 'enr-3', secret: 'enc:v1:x' };
    limitedSpec.given(twoTotpAuthenticators()).when(begin).thenThrows('AUTHENTICATOR_LIMIT_REACHED');
    const pendingThird = [
      ...totpProtected(),
      ...addAuthenticatorVerified(),
      ...addAuthenticatorVerified('add-2'),
      enrollmentStarted('enr-2', at(60), { verificationId: 'add-1', purpose: 'ADD_AUTHENTICATOR' }),
      // Its own verification: binding enr-2 consumes add-1 (and voids every enrollment begun with it).
      enrollmentStarted('enr-3', at(61), { verificationId: 'add-2', purpose: 'ADD_AUTHENTICATOR' }),
    ];
    const second = limitedSpec
      .given(pendingThird)
      .when({ type: 'BindTotp', now: at(70), enrollmentId: 'enr-2', matchedTimeStep: 2000 })
      .events();
    limitedSpec
      .given([...pendingThird, ...second])
      .when({ type: 'BindTotp', now: at(71), enrollmentId: 'enr-3', matchedTimeStep: 3000 })
      .thenThrows('AUTHENTICATOR_LIMIT_REACHED');
  });

  it('allows eight by default', () => {
    expect(DEFAULT_SECURITY_POLICY.maxTotpAuthenticators).toBe(8);
    let history = [...totpProtected(), ...addAuthenticatorVerified()];
    for (let n = 2; n <= 8; n++) {
      const id = `enr-${n}`;
      history = [...history, enrollmentStarted(id, at(60), { verificationId: 'add-1', purpose: 'ADD_AUTHENTICATOR' })];
      history = [
        ...history,
        ...spec
          .given(history)
          .when({ type: 'BindTotp', now: at(60 + n), enrollmentId: id, matchedTimeStep: n })
          .events(),
      ];
    }
    expect(Object.keys(fold(history).authenticators)).toHaveLength(8);
    spec
      .given(history)
      .when({ type: 'BeginTotpBinding', now: at(80), verificationId: 'add-1', enrollmentId: 'enr-9', secret: 'enc:v1:x' })
      .thenThrows('AUTHENTICATOR_LIMIT_REACHED');
  });
});

describe('disabling with two authenticators', () => {
  it('unbinds both, so a new binding starts its own history', () => {
    const requested: AccountEvent = {
      type: 'IdentityVerificationStarted',
      data: {
        verificationId: 'dis-1',
        purpose: 'DISABLE_PROTECTION',
        channel: 'SMS',
        maskedDestination: '+86*******5678',
        codeHash: 'hash-of-111111',
        expiresAt: at(400),
        scenes: ['LOGON'],
        method: 'TOTP',
        at: at(100),
      },
    };
    const history = [...twoTotpAuthenticators(), requested];
    const events = spec
      .given(history)
      .when({
        type: 'DisableProtection',
        now: at(110),
        verificationId: 'dis-1',
        codeHash: 'hash-of-111111',
        secondFactor: { proof: { kind: 'TOTP', authenticatorId: 'enr-2', timeStep: 2001 } },
      })
      .events();
    expect(events.map((e) => e.type)).toEqual(['IdentityVerified', 'TotpCodeAccepted', 'TotpUnbound', 'TotpUnbound', 'ProtectionDisabled']);
    const state = fold([...history, ...events]);
    expect(state.authenticators).toEqual({});
    expect(securityViewOf(state)).toMatchObject({ totpBound: false, totpBoundAt: null, authenticators: [] });
  });
});
