import {
  addAuthenticatorVerified,
  at,
  challengeIssued,
  deciderSpec,
  enrollmentStarted,
  identityVerified,
  registered,
  sessionStarted,
  totpProtected,
  verificationStarted,
} from '@identity/testing';
import { DEFAULT_SECURITY_POLICY } from './account.commands';
import { accountDecider } from './account.decider';
import { AccountEvent } from './account.events';
import { endOtherSessions, liveSession, liveSessionIds } from './kernel/sessions';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const spec = deciderSpec(decider);
const fold = (events: AccountEvent[]) => events.reduce(decider.evolve, decider.initialState());
const twoSessions = () => [registered(), sessionStarted('ses-1', at(100)), sessionStarted('ses-2', at(110))];

describe('sessions: started by a logon', () => {
  it('a password logon starts a session for SESSION_TTL_SECONDS, proven by the password alone', () => {
    const events = spec
      .given([registered()])
      .when({
        type: 'Login',
        now: at(100),
        addressKey: 'addr-a',
        passwordValid: true,
        sessionId: 'ses-1',
        challengeId: 'c',
        challengeCodeHash: null,
      })
      .events();
    expect(events).toEqual([sessionStarted('ses-1', at(100))]);
    expect(fold([registered(), ...events]).sessions['ses-1']).toEqual({
      createdAt: at(100),
      expiresAt: at(1000),
      proof: { method: 'PASSWORD', authenticatorId: null },
      secondFactorAt: null,
      secondFactor: null,
    });
  });

  it('a TOTP logon names its authenticator, and its code is the first second-factor proof', () => {
    const history = [...totpProtected(), challengeIssued('ch-1', at(100))];
    const events = spec
      .given(history)
      .when({
        type: 'CompleteLogin',
        now: at(110),
        challengeId: 'ch-1',
        sessionId: 'ses-1',
        proof: { kind: 'TOTP', authenticatorId: 'enr-1', timeStep: 1001 },
      })
      .events();
    expect(events[1]).toMatchObject({ type: 'LoginSucceeded', data: { authenticatorId: 'enr-1', expiresAt: at(1010) } });
    expect(fold([...history, ...events]).sessions['ses-1']).toMatchObject({
      proof: { method: 'TOTP', authenticatorId: 'enr-1' },
      secondFactorAt: at(110),
    });
  });

  it('forgets a session once an event after its end folds, so the state stays bounded', () => {
    const state = fold([
      ...twoSessions(),
      {
        type: 'PasswordCheckFailed',
        data: { consecutiveFailures: 1, addressKey: 'addr-b', windowStartedAt: at(1005), windowFailures: 1, at: at(1005) },
      },
    ]);
    expect(Object.keys(state.sessions)).toEqual(['ses-2']);
    expect(liveSession(state, 'ses-2', at(1009))).not.toBeNull();
    expect(liveSession(state, 'ses-2', at(1010))).toBeNull();
  });
});

describe('sessions: ended', () => {
  it('logout ends the acting session, once', () => {
    const logout = { type: 'EndSession' as const, now: at(120), sessionId: 'ses-1' };
    const ended: AccountEvent = { type: 'SessionsEnded', data: { sessionIds: ['ses-1'], reason: 'LOGOUT', at: at(120) } };
    spec.given(twoSessions()).when(logout).then([ended]);
    spec
      .given([...twoSessions(), ended])
      .when(logout)
      .then([]);
    expect(liveSessionIds(fold([...twoSessions(), ended]), at(121))).toEqual(['ses-2']);
  });

  it('revokes a listed session by id; an unknown or expired one records nothing', () => {
    const revoke = (targetSessionId: string, now = at(120)) => ({
      type: 'RevokeSession' as const,
      now,
      sessionId: 'ses-1',
      targetSessionId,
    });
    spec
      .given(twoSessions())
      .when(revoke('ses-2'))
      .then([{ type: 'SessionsEnded', data: { sessionIds: ['ses-2'], reason: 'REVOKED', at: at(120) } }]);
    spec.given(twoSessions()).when(revoke('ses-9')).then([]);
    spec
      .given(twoSessions())
      .when(revoke('ses-2', at(1010)))
      .then([]);
  });

  it('revokeOtherSessions ends every live session but the acting one', () => {
    const history = [...twoSessions(), sessionStarted('ses-3', at(130))];
    spec
      .given(history)
      .when({ type: 'RevokeOtherSessions', now: at(140), sessionId: 'ses-2' })
      .then([{ type: 'SessionsEnded', data: { sessionIds: ['ses-1', 'ses-3'], reason: 'OTHERS_REVOKED', at: at(140) } }]);
    spec
      .given([registered(), sessionStarted('ses-1')])
      .when({ type: 'RevokeOtherSessions', now: at(140), sessionId: 'ses-1' })
      .then([]);
  });

  it('endOtherSessions is the helper other operations call (null keeps none)', () => {
    const state = fold(twoSessions());
    expect(endOtherSessions(state, 'ses-1', 'PASSWORD_CHANGED', at(150))).toEqual([
      { type: 'SessionsEnded', data: { sessionIds: ['ses-2'], reason: 'PASSWORD_CHANGED', at: at(150) } },
    ]);
    expect(endOtherSessions(state, null, 'RESET_BY_PRIMARY', at(150))).toEqual([
      { type: 'SessionsEnded', data: { sessionIds: ['ses-1', 'ses-2'], reason: 'RESET_BY_PRIMARY', at: at(150) } },
    ]);
  });
});

describe('sessions: a protection change ends every other session', () => {
  const enrolling = () => [
    registered(),
    sessionStarted('old', at(1)),
    verificationStarted(),
    identityVerified(),
    enrollmentStarted(),
    sessionStarted('acting', at(35)),
  ];

  it('binding TOTP protection ends the others and marks the acting session as proven by TOTP', () =>
    spec
      .given(enrolling())
      .when({ type: 'BindTotp', now: at(40), enrollmentId: 'enr-1', matchedTimeStep: 1000, sessionId: 'acting' })
      .thenMatch([
        { type: 'TotpCodeAccepted' },
        { type: 'TotpBound' },
        { type: 'ProtectionEnabled' },
        { type: 'SessionsEnded', data: { sessionIds: ['old'], reason: 'PROTECTION_CHANGED' } },
        { type: 'StepUpSucceeded', data: { sessionId: 'acting', method: 'TOTP', authenticatorId: 'enr-1', at: at(40) } },
      ]));

  it('a further device ends no session', () => {
    const history = [
      ...totpProtected(),
      sessionStarted('a', at(41)),
      sessionStarted('b', at(42)),
      ...addAuthenticatorVerified(),
      enrollmentStarted('enr-2', at(60), { verificationId: 'add-1', purpose: 'ADD_AUTHENTICATOR' }),
    ];
    spec
      .given(history)
      .when({ type: 'BindTotp', now: at(65), enrollmentId: 'enr-2', matchedTimeStep: 2000, sessionId: 'a' })
      .thenMatch([{ type: 'TotpCodeAccepted' }, { type: 'TotpBound' }]);
  });

  it('SMS protection turned on by its own channel ends the others and marks SMS', () => {
    const history = [registered(), sessionStarted('old', at(1)), verificationStarted('ver-1', 'SMS'), sessionStarted('acting', at(15))];
    spec
      .given(history)
      .when({ type: 'VerifyIdentity', now: at(20), verificationId: 'ver-1', codeHash: 'hash-of-123456', sessionId: 'acting' })
      .thenMatch([
        { type: 'IdentityVerified' },
        { type: 'ProtectionEnabled', data: { method: 'SMS' } },
        { type: 'SessionsEnded', data: { sessionIds: ['old'], reason: 'PROTECTION_CHANGED' } },
        { type: 'StepUpSucceeded', data: { sessionId: 'acting', method: 'SMS', authenticatorId: null } },
      ]);
  });

  it('disabling protection ends the others and keeps the acting one', () => {
    const history: AccountEvent[] = [
      ...totpProtected(),
      sessionStarted('old', at(50), 'TOTP'),
      sessionStarted('acting', at(60), 'TOTP'),
      {
        ...verificationStarted('dis-1', 'TOTP', at(70)),
        data: { ...verificationStarted('dis-1', 'TOTP', at(70)).data, purpose: 'DISABLE_PROTECTION' },
      } as AccountEvent,
    ];
    const events = spec
      .given(history)
      .when({
        type: 'DisableProtection',
        now: at(80),
        verificationId: 'dis-1',
        codeHash: 'hash-of-123456',
        sessionId: 'acting',
        // TOTP protection is removed only with a fresh TOTP code as well.
        secondFactor: { proof: { kind: 'TOTP', authenticatorId: 'enr-1', timeStep: 1005 } },
      })
      .events();
    expect(events.map((e) => e.type)).toEqual([
      'IdentityVerified',
      'TotpCodeAccepted',
      'TotpUnbound',
      'ProtectionDisabled',
      'SessionsEnded',
    ]);
    expect(events[4]).toMatchObject({ data: { sessionIds: ['old'], reason: 'PROTECTION_CHANGED' } });
    expect(Object.keys(fold([...history, ...events]).sessions)).toEqual(['acting']);
  });
});
