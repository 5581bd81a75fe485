import { at, deciderSpec, registered, sessionStarted, totpProtected, twoTotpAuthenticators } from '@identity/testing';
import { DEFAULT_SECURITY_POLICY } from './account.commands';
import { accountDecider } from './account.decider';
import { AccountEvent } from './account.events';

/** Where sessions & step-up (issue 9) meet recovery codes, password change and erasure (issue 10). */
const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const spec = deciderSpec(decider);
const fold = (events: AccountEvent[]) => events.reduce(decider.evolve, decider.initialState());
const codes: AccountEvent = {
  type: 'RecoveryCodesGenerated',
  data: {
    setId: 'set-1',
    codes: Array.from({ length: 10 }, (_, i) => ({ salt: `salt-${i}`, hash: `hash-${i}` })),
    reason: 'PROTECTION_ENABLED',
    at: at(40),
  },
};
const stepUp = (match: { setId: string; index: number } | null) => ({
  type: 'StepUp' as const,
  now: at(120),
  sessionId: 'acting',
  proof: { kind: 'RECOVERY_CODE' as const, match },
});

describe('a step-up with a recovery code', () => {
  const history = () => [...totpProtected(), codes, sessionStarted('acting', at(100), 'TOTP')];

  it('proves the session once, in place of a TOTP code', () => {
    const events = spec
      .given(history())
      .when(stepUp({ setId: 'set-1', index: 2 }))
      .events();
    expect(events).toMatchObject([
      { type: 'RecoveryCodeUsed', data: { setId: 'set-1', index: 2, purpose: 'STEP_UP', reference: 'acting', remaining: 9 } },
      { type: 'StepUpSucceeded', data: { sessionId: 'acting', method: 'RECOVERY_CODE', authenticatorId: null } },
    ]);
    expect(fold([...history(), ...events]).sessions['acting']?.secondFactorAt).toBe(at(120));
    spec
      .given([...history(), ...events])
      .when(stepUp({ setId: 'set-1', index: 2 }))
      .thenMatch([{ type: 'RecoveryCodeCheckFailed', data: { purpose: 'STEP_UP', reason: 'USED_CODE', consecutiveFailures: 1 } }]);
  });

  it('counts a wrong one towards the lock, across locks', () => {
    const events = spec.given(history()).when(stepUp(null)).events();
    expect(events).toMatchObject([{ type: 'RecoveryCodeCheckFailed', data: { reason: 'WRONG_CODE', consecutiveFailures: 1 } }]);
    expect(fold([...history(), ...events])).toMatchObject({ consecutiveFailures: 1, secondFactorTotal: 1 });
  });
});

describe('operations that end every other session', () => {
  const sessions = [sessionStarted('old', at(100)), sessionStarted('acting', at(110))];

  it('a password change keeps only the acting session', () => {
    const events = spec
      .given([registered(), ...sessions])
      .when({ type: 'ChangePassword', now: at(120), sessionId: 'acting', currentPasswordValid: true, newPasswordHash: '$argon2id$new' })
      .events();
    expect(events).toMatchObject([
      { type: 'PasswordChanged' },
      { type: 'SessionsEnded', data: { sessionIds: ['old'], reason: 'PASSWORD_CHANGED' } },
    ]);
  });

  it('removing an authenticator keeps only the acting session', () => {
    const history = [...twoTotpAuthenticators(), ...sessions];
    const events = spec
      .given(history)
      .when({
        type: 'RemoveAuthenticator',
        now: at(120),
        sessionId: 'acting',
        authenticatorId: 'enr-2',
        disableProtection: false,
        proof: null,
      })
      .events();
    expect(events).toMatchObject([
      { type: 'TotpUnbound', data: { authenticatorId: 'enr-2' } },
      { type: 'SessionsEnded', data: { sessionIds: ['old'], reason: 'AUTHENTICATOR_REMOVED' } },
    ]);
  });

  it('erasure leaves no session and no lockout count behind', () => {
    const erased = fold([
      registered(),
      ...sessions,
      { type: 'AccountErased', data: { by: 'ADMIN', sessionId: null, verificationId: null, at: at(130) } },
    ]);
    expect(erased).toMatchObject({ erased: true, sessions: {}, secondFactorTotal: 0, lockLevel: 0 });
  });
});
