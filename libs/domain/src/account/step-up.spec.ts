import { addAuthenticatorVerified, at, deciderSpec, sessionStarted, totpProtected, totpProtectedSensitive } from '@identity/testing';
import { DEFAULT_SECURITY_POLICY, StepUp } from './account.commands';
import { accountDecider } from './account.decider';
import { AccountEvent } from './account.events';
import { requireStepUp } from './kernel/sessions';
import { DomainError } from '../shared/domain-error';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const spec = deciderSpec(decider);
const fold = (events: AccountEvent[]) => events.reduce(decider.evolve, decider.initialState());
const policy = { stepUpMaxAgeSeconds: 300 };
const codeOf = (run: () => void): string | null => {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'OTHER';
  }
};

/** TOTP on LOGON + SENSITIVE_OPERATION; `totp` logged on with a code at 100 s, `password` by the password alone. */
const protectedWithSessions = () => [
  ...totpProtectedSensitive(),
  sessionStarted('totp', at(100), 'TOTP'),
  sessionStarted('password', at(100)),
];
const stepUp = (timeStep: number | null, now = at(500), sessionId = 'totp'): StepUp => ({
  type: 'StepUp',
  now,
  sessionId,
  proof: timeStep === null ? null : { kind: 'TOTP', authenticatorId: 'enr-1', timeStep },
});

describe('requireStepUp', () => {
  const state = fold(protectedWithSessions());

  it('passes while the logon’s own second factor is younger than the maximum age', () => {
    expect(codeOf(() => requireStepUp(state, 'totp', at(399), policy))).toBeNull();
    expect(codeOf(() => requireStepUp(state, 'totp', at(400), policy))).toBe('STEP_UP_REQUIRED');
  });

  it('refuses a session proven by the password alone, an unknown one and none', () => {
    for (const session of ['password', 'nope', null])
      expect(codeOf(() => requireStepUp(state, session, at(101), policy))).toBe('STEP_UP_REQUIRED');
  });

  it('asks nothing when protection does not cover SENSITIVE_OPERATION', () => {
    const logonOnly = fold([...totpProtected(), sessionStarted('password', at(100))]);
    expect(codeOf(() => requireStepUp(logonOnly, 'password', at(101), policy))).toBeNull();
  });
});

describe('StepUp', () => {
  it('records a fresh proof on the session and spends the time step', () => {
    const events = spec.given(protectedWithSessions()).when(stepUp(1001)).events();
    expect(events).toEqual([
      { type: 'TotpCodeAccepted', data: { authenticatorId: 'enr-1', timeStep: 1001, purpose: 'STEP_UP', reference: 'totp', at: at(500) } },
      { type: 'StepUpSucceeded', data: { sessionId: 'totp', method: 'TOTP', authenticatorId: 'enr-1', at: at(500) } },
    ]);
    const state = fold([...protectedWithSessions(), ...events]);
    expect(state.sessions['totp']?.secondFactorAt).toBe(at(500));
    expect(state.authenticators['enr-1']?.lastAcceptedTimeStep).toBe(1001);
    expect(codeOf(() => requireStepUp(state, 'totp', at(700), policy))).toBeNull();
  });

  it('refuses a spent time step as a failure that counts towards the lock', () => {
    spec
      .given(protectedWithSessions())
      .when(stepUp(1000))
      .then([
        {
          type: 'TotpCheckFailed',
          data: { purpose: 'STEP_UP', reference: 'totp', reason: 'REPLAYED_CODE', consecutiveFailures: 1, at: at(500) },
        },
      ]);
  });

  it('locks the account at the threshold, like completeLogin failures, and refuses while locked', () => {
    const failures = [1, 2, 3, 4].map((n): AccountEvent => ({
      type: 'TotpCheckFailed',
      data: { purpose: 'LOGIN', reference: 'ch', reason: 'WRONG_CODE', consecutiveFailures: n, at: at(400) },
    }));
    const locked = spec
      .given([...protectedWithSessions(), ...failures])
      .when(stepUp(null))
      .events();
    expect(locked.map((e) => e.type)).toEqual(['TotpCheckFailed', 'AccountLocked']);
    spec
      .given([...protectedWithSessions(), ...failures, ...locked])
      .when(stepUp(1001, at(501)))
      .thenMatch([{ type: 'AttemptRejectedWhileLocked', data: { operation: 'STEP_UP' } }]);
  });

  it('starts the counts and the escalation again after a right code, as a logon does (issue 9)', () => {
    const wrong = (n: number): AccountEvent => ({
      type: 'TotpCheckFailed',
      data: { purpose: 'STEP_UP', reference: 'totp', reason: 'WRONG_CODE', consecutiveFailures: n, at: at(400) },
    });
    const history = [...protectedWithSessions(), wrong(1), wrong(2)];
    expect(fold(history).secondFactorTotal).toBe(2);
    const after = fold([...history, ...spec.given(history).when(stepUp(1001)).events()]);
    expect([after.consecutiveFailures, after.secondFactorTotal, after.lockLevel]).toEqual([0, 0, 0]);
  });

  it('refuses an ended session', () => {
    const ended: AccountEvent = { type: 'SessionsEnded', data: { sessionIds: ['totp'], reason: 'LOGOUT', at: at(200) } };
    spec
      .given([...protectedWithSessions(), ended])
      .when(stepUp(1001))
      .thenThrows('SESSION_NOT_LIVE');
  });
});

describe('the sensitive operations of today ask for a step-up', () => {
  const stale = at(500);
  const sensitive = [
    {
      type: 'RequestProtectionDisable' as const,
      now: stale,
      verificationId: 'd',
      channel: 'SMS' as const,
      codeHash: 'h',
      sessionId: 'totp',
    },
    { type: 'DisableProtection' as const, now: stale, verificationId: 'd', codeHash: 'h', sessionId: 'totp' },
    {
      type: 'EnableProtection' as const,
      now: stale,
      verificationId: 'e',
      scenes: ['LOGON' as const],
      method: 'SMS' as const,
      channel: 'SMS' as const,
      codeHash: 'h',
      sessionId: 'totp',
    },
    {
      type: 'RequestVerification' as const,
      now: stale,
      verificationId: 'v',
      purpose: 'ADD_AUTHENTICATOR' as const,
      channel: 'SMS' as const,
      codeHash: 'h',
      sessionId: 'totp',
    },
    {
      type: 'BeginTotpBinding' as const,
      now: stale,
      verificationId: 'add-1',
      enrollmentId: 'enr-9',
      secret: 'enc:v1:x',
      sessionId: 'totp',
    },
  ];

  it.each(sensitive.map((command) => [command.type, command] as const))('%s: STEP_UP_REQUIRED with a stale proof', (_type, command) =>
    spec
      .given([...protectedWithSessions(), ...addAuthenticatorVerified('add-1', at(450), at(460))])
      .when(command)
      .thenThrows('STEP_UP_REQUIRED'),
  );

  it.each(sensitive.map((command) => [command.type, command] as const))('%s: passes the rule after a step-up', (_type, command) => {
    const history = [...protectedWithSessions(), ...addAuthenticatorVerified('add-1', at(450), at(460))];
    const steppedUp = [
      ...history,
      ...spec
        .given(history)
        .when(stepUp(1001, at(490)))
        .events(),
    ];
    expect(codeOf(() => decider.decide(command, fold(steppedUp)))).not.toBe('STEP_UP_REQUIRED');
  });
});
