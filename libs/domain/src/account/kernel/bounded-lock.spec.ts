import { addSeconds } from '../../shared/time';
import { at, challengeIssued, deciderSpec, lockedOut, registered, totpProtected } from '@identity/testing';
import { DEFAULT_SECURITY_POLICY, RejectedWhileLockedTally } from '../account.commands';
import { accountDecider } from '../account.decider';
import { AccountEvent } from '../account.events';
import { failureIn } from '../account-outcome';
import { isLocked } from './lockout';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const spec = deciderSpec(decider);
const fold = (events: AccountEvent[]) => events.reduce(decider.evolve, decider.initialState());
const login = (now: string, rejectedWhileLocked: RejectedWhileLockedTally | null = null) => ({
  type: 'Login' as const,
  now,
  passwordValid: true,
  sessionId: 's',
  challengeId: 'c',
  challengeCodeHash: null,
  rejectedWhileLocked,
});
const locked = () => [registered(), ...lockedOut(at(200))];
const LOCKED_UNTIL = at(1100);

describe('refused attempts while locked', () => {
  it('records only the first refusal of a lock, then nothing', () => {
    const first = spec
      .given(locked())
      .when(login(at(201)))
      .events();
    expect(first).toEqual([{ type: 'AttemptRejectedWhileLocked', data: { operation: 'LOGIN', lockedUntil: LOCKED_UNTIL, at: at(201) } }]);
    spec
      .given([...locked(), ...first])
      .when(login(at(202)))
      .then([]);
    spec
      .given([...locked(), ...first])
      .when({ type: 'VerifyIdentity', now: at(203), verificationId: 'v', codeHash: 'h' })
      .then([]);
  });

  it('decides at most 2 events for 10,000 refused attempts against a locked account', () => {
    let history = locked();
    let decided = 0;
    let state = fold(history);
    for (let i = 0; i < 10_000; i++) {
      const events = decider.decide(login(addSeconds(at(201), i * 0.05)), state);
      decided += events.length;
      if (events.length > 0) history = history.concat(events);
      state = events.reduce(decider.evolve, state);
    }
    expect(decided).toBeLessThanOrEqual(2);
    expect(history.length - locked().length).toBe(decided);
  });

  it('answers a refusal that appended nothing as ACCOUNT_LOCKED, from the state', () => {
    const history = [
      ...locked(),
      ...spec
        .given(locked())
        .when(login(at(201)))
        .events(),
    ];
    const now = at(202);
    expect(isLocked(fold(history), now)).toBe(true);
    expect(failureIn([], { state: fold(history), now })).toEqual({ code: 'ACCOUNT_LOCKED', lockedUntil: LOCKED_UNTIL });
    expect(isLocked(fold(history), LOCKED_UNTIL)).toBe(false);
    expect(failureIn([], { state: fold([registered()]), now })).toBeNull();
  });

  it('summarizes the tally next to AccountUnlocked when a command ends the lock, up to 20 distinct ips', () => {
    const ips = [...Array.from({ length: 30 }, (_, i) => `203.0.113.${i}`), '203.0.113.0'];
    const tally = { count: 9_999, firstAt: at(201), lastAt: at(1099), ips };
    spec
      .given(locked())
      .when(login(at(1200), tally))
      .then([
        {
          type: 'RejectedAttemptsSummarized',
          data: { count: 9_999, firstAt: at(201), lastAt: at(1099), ips: ips.slice(0, 20), lockedUntil: LOCKED_UNTIL, at: at(1200) },
        },
        {
          type: 'AccountUnlocked',
          data: { scope: 'ACCOUNT', addressKey: null, reason: 'LOCK_EXPIRED', lockedUntil: LOCKED_UNTIL, at: at(1200) },
        },
        {
          type: 'LoginSucceeded',
          data: {
            sessionId: 's',
            method: 'PASSWORD',
            challengeId: null,
            addressKey: 'unknown',
            expiresAt: at(2100),
            authenticatorId: null,
            at: at(1200),
          },
        },
      ]);
  });

  it('summarizes nothing without a tally, or while the lock still runs', () => {
    spec
      .given(locked())
      .when(login(at(1200)))
      .thenMatch([{ type: 'AccountUnlocked' }, { type: 'LoginSucceeded' }]);
    const tally = { count: 3, firstAt: at(201), lastAt: at(203), ips: ['203.0.113.1'] };
    spec
      .given(locked())
      .when(login(at(204), tally))
      .thenMatch([{ type: 'AttemptRejectedWhileLocked' }]);
  });

  it('records the first refusal of the next lock again', () => {
    const unlocked = [
      ...locked(),
      ...spec
        .given(locked())
        .when(login(at(1200)))
        .events(),
    ];
    const relocked = [...unlocked, ...lockedOut(at(1300))];
    spec
      .given(relocked)
      .when(login(at(1301)))
      .thenMatch([{ type: 'AttemptRejectedWhileLocked', data: { lockedUntil: at(2200) } }]);
  });

  it('passes the tally on every command that passes the lock gate (CompleteLogin here)', () => {
    const history = [...totpProtected(), challengeIssued('ch-1', at(100)), ...lockedOut(at(200))];
    const tally = { count: 1, firstAt: at(201), lastAt: at(201), ips: [] };
    spec
      .given(history)
      .when({
        type: 'CompleteLogin',
        now: at(1200),
        challengeId: 'ch-1',
        sessionId: 's',
        proof: null,
        rejectedWhileLocked: tally,
      })
      .thenMatch([
        { type: 'RejectedAttemptsSummarized', data: { count: 1, ips: [] } },
        { type: 'AccountUnlocked' },
        { type: 'TotpCheckFailed' },
      ]);
  });
});
