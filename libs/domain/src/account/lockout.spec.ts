import { at, challengeIssued, deciderSpec, registered, totpProtected } from '@identity/testing';
import { accountDecider } from './account.decider';
import { DEFAULT_SECURITY_POLICY } from './account.commands';
import { AccountEvent } from './account.events';
import { failureIn } from './account-outcome';

const spec = deciderSpec(accountDecider({ ...DEFAULT_SECURITY_POLICY, lockoutThreshold: 3, lockoutSeconds: 60 }));
const login = (passwordValid: boolean, now: string) => ({
  type: 'Login' as const,
  now,
  passwordValid,
  sessionId: 's',
  challengeId: 'c',
  challengeCodeHash: null,
});
const decider = accountDecider(DEFAULT_SECURITY_POLICY);
/** The state after a registered account's history plus `events`, at `now`: what the runner hands failureIn. */
const after = (events: AccountEvent[], now: string) => ({
  state: [registered(), ...events].reduce(decider.evolve, decider.initialState()),
  now,
});
const failed = (n: number, seconds: number): AccountEvent => ({
  type: 'PasswordCheckFailed',
  data: { consecutiveFailures: n, at: at(seconds) },
});

describe('lockout', () => {
  it('locks at the threshold of consecutive failures, and says so', () => {
    const events = spec
      .given([registered(), failed(1, 1), failed(2, 2)])
      .when(login(false, at(3)))
      .events();
    expect(events).toEqual([failed(3, 3), { type: 'AccountLocked', data: { lockedUntil: at(63), consecutiveFailures: 3, at: at(3) } }]);
    expect(failureIn(events, after(events, at(3)))).toEqual({ code: 'ACCOUNT_LOCKED', lockedUntil: at(63) });
  });

  const locked = (): AccountEvent[] => [
    registered(),
    failed(1, 1),
    failed(2, 2),
    failed(3, 3),
    { type: 'AccountLocked', data: { lockedUntil: at(63), consecutiveFailures: 3, at: at(3) } },
  ];

  it('rejects even the right password while locked, as an event', () =>
    spec
      .given(locked())
      .when(login(true, at(10)))
      .then([{ type: 'AttemptRejectedWhileLocked', data: { operation: 'LOGIN', lockedUntil: at(63), at: at(10) } }]));

  it('lifts the lock by itself once it has run out', () =>
    spec
      .given(locked())
      .when(login(true, at(63)))
      .then([
        { type: 'AccountUnlocked', data: { reason: 'LOCK_EXPIRED', lockedUntil: at(63), at: at(63) } },
        {
          type: 'LoginSucceeded',
          data: { sessionId: 's', method: 'PASSWORD', challengeId: null, expiresAt: at(963), authenticatorId: null, at: at(63) },
        },
      ]));

  it('counts again from zero after the lock', () =>
    spec
      .given(locked())
      .when(login(false, at(70)))
      .thenMatch([{ type: 'AccountUnlocked' }, failed(1, 70)]));

  it('counts wrong TOTP codes and wrong passwords together', () => {
    const history = [...totpProtected(), failed(1, 50), failed(2, 60), challengeIssued()];
    const command = { type: 'CompleteLogin' as const, now: at(110), challengeId: 'ch-1', sessionId: 's', proof: null };
    spec
      .given(history)
      .when(command)
      .thenMatch([{ type: 'TotpCheckFailed' }, { type: 'AccountLocked' }]);
  });

  it('does not reset the count when only the password was right', () => {
    const history = [...totpProtected(), failed(1, 50), failed(2, 60)];
    const events = spec
      .given(history)
      .when(login(true, at(100)))
      .events();
    expect(events.map((e) => e.type)).toEqual(['MfaChallengeIssued']);
    const after = [...history, ...events];
    const command = { type: 'CompleteLogin' as const, now: at(110), challengeId: 'c', sessionId: 's', proof: null };
    spec
      .given(after)
      .when(command)
      .thenMatch([{ type: 'TotpCheckFailed', data: { consecutiveFailures: 3 } }, { type: 'AccountLocked' }]);
  });

  it('resets the count after a full logon', () => {
    const history: AccountEvent[] = [
      registered(),
      failed(1, 1),
      failed(2, 2),
      {
        type: 'LoginSucceeded',
        data: { sessionId: 's', method: 'PASSWORD', challengeId: null, expiresAt: at(905), authenticatorId: null, at: at(5) },
      },
    ];
    spec
      .given(history)
      .when(login(false, at(6)))
      .then([failed(1, 6)]);
  });

  it('reports wrong credentials and wrong codes distinctly', () => {
    expect(failureIn([failed(1, 1)], after([failed(1, 1)], at(1)))).toEqual({ code: 'INVALID_CREDENTIALS' });
    expect(
      failureIn(
        [
          {
            type: 'VerificationFailed',
            data: { verificationId: 'v', reason: 'WRONG_CODE', attempts: 1, consecutiveFailures: 1, at: at(1) },
          },
        ],
        after([], at(1)),
      ),
    ).toEqual({ code: 'INVALID_CODE' });
    expect(failureIn([], after([], at(1)))).toBeNull();
  });
});
