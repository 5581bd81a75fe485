import { addSeconds } from '../shared/time';
import { at, challengeIssued, registered, totpProtected } from '@identity/testing';
import { accountDecider } from './account.decider';
import { AccountCommand, CompleteLogin, DEFAULT_SECURITY_POLICY } from './account.commands';
import { AccountEvent } from './account.events';
import { failureIn } from './account-outcome';
import { AccountState } from './account.state';

/** Threshold 3 per address, 6 across addresses per 60 s window, 8 wrong codes in a row for good. */
const policy = {
  ...DEFAULT_SECURITY_POLICY,
  lockoutThreshold: 3,
  lockoutSeconds: 60,
  passwordFailureCap: 6,
  secondFactorFailureCap: 8,
  maxLockSeconds: 200,
};
const decider = accountDecider(policy);
const noTotalCap = accountDecider({ ...policy, secondFactorFailureCap: 100 });
const fold = (events: AccountEvent[]) => events.reduce(decider.evolve, decider.initialState());

const login = (addressKey: string, passwordValid: boolean, now: string): AccountCommand => ({
  type: 'Login',
  now,
  passwordValid,
  sessionId: 's',
  challengeId: `ch-${now}`,
  challengeCodeHash: null,
  addressKey,
});
const wrongCode = (challengeId: string, now: string): CompleteLogin => ({
  type: 'CompleteLogin',
  now,
  challengeId,
  sessionId: 's',
  proof: null,
  addressKey: 'addr-a',
});

/** Decides and folds the commands in order; what each answered, all events, and the state after. */
function play(history: AccountEvent[], commands: AccountCommand[], by = decider) {
  let state: AccountState = history.reduce(by.evolve, by.initialState());
  const events: AccountEvent[] = [];
  const answers = commands.map((command) => {
    const decided = by.decide(command, state);
    state = decided.reduce(by.evolve, state);
    events.push(...decided);
    const addressKey = command.type === 'Login' ? (command.addressKey ?? null) : null;
    return { decided, failure: failureIn(decided, { state, now: command.now, addressKey }) };
  });
  return { answers, events, state };
}
const locks = (events: AccountEvent[]) => events.filter((e) => e.type === 'AccountLocked').map((e) => e.data);

describe('the password step counts per client address', () => {
  it('locks only the address that failed: the owner logs on from another one', () => {
    const { answers, events } = play(
      [registered()],
      [
        login('addr-x', false, at(1)),
        login('addr-x', false, at(2)),
        login('addr-x', false, at(3)),
        login('addr-x', true, at(4)),
        login('addr-b', true, at(5)),
      ],
    );
    expect(answers.map((a) => a.failure?.code ?? 'OK')).toEqual([
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'ACCOUNT_LOCKED',
      'ACCOUNT_LOCKED',
      'OK',
    ]);
    expect(locks(events)).toEqual([
      { scope: 'ADDRESS', addressKey: 'addr-x', level: 1, lockedUntil: at(63), consecutiveFailures: 3, at: at(3) },
    ]);
    expect(answers[3]).toEqual({ decided: [], failure: { code: 'ACCOUNT_LOCKED', lockedUntil: at(63) } });
    expect(answers[4]?.decided).toMatchObject([{ type: 'LoginSucceeded', data: { addressKey: 'addr-b' } }]);
  });

  it('lifts an address lock once it ran out, as an event, and counts that address from zero', () => {
    const { answers } = play([registered()], [1, 2, 3].map((s) => login('addr-x', false, at(s))).concat(login('addr-x', false, at(63))));
    expect(answers[3]?.decided).toEqual([
      {
        type: 'AccountUnlocked',
        data: { scope: 'ADDRESS', addressKey: 'addr-x', reason: 'LOCK_EXPIRED', lockedUntil: at(63), at: at(63) },
      },
      {
        type: 'PasswordCheckFailed',
        data: { consecutiveFailures: 1, addressKey: 'addr-x', windowStartedAt: at(63), windowFailures: 1, at: at(63) },
      },
    ]);
  });

  it('does not count wrong passwords towards the second-factor lock', () => {
    const history = [...totpProtected(), challengeIssued('ch-1', at(100))];
    const { events } = play(history, [login('addr-x', false, at(101)), login('addr-x', false, at(102)), wrongCode('ch-1', at(103))]);
    expect(events.at(-1)).toMatchObject({ type: 'TotpCheckFailed', data: { consecutiveFailures: 1 } });
  });

  it('keeps at most 100 addresses, forgetting those that failed longest ago', () => {
    const commands = Array.from({ length: 130 }, (_, i) => login(`addr-${i}`, false, addSeconds(at(0), i * 61)));
    const { state } = play([registered()], commands);
    expect(Object.keys(state.guard.addresses)).toHaveLength(100);
    expect(state.guard.addresses['addr-0']).toBeUndefined();
    expect(state.guard.addresses['addr-129']).toMatchObject({ failures: 1 });
  });
});

describe('the cap across all addresses', () => {
  const sixFromThree = ['a', 'b', 'c'].flatMap((k, i) => [login(k, false, at(10 + 2 * i)), login(k, false, at(11 + 2 * i))]);

  it('closes the password step to addresses that never logged on, without counting them', () => {
    const { answers, events } = play([registered()], [...sixFromThree, login('fresh', true, at(20))]);
    expect(locks(events)).toEqual([
      { scope: 'ACCOUNT', addressKey: null, level: 1, lockedUntil: at(75), consecutiveFailures: 6, at: at(15) },
    ]);
    expect(answers.at(-1)).toEqual({ decided: [], failure: { code: 'ACCOUNT_LOCKED', lockedUntil: at(75) } });
  });

  it('lets an address that logged on before keep trying and log on', () => {
    const history = [registered(), ...play([registered()], [login('home', true, at(1))]).events];
    const { answers } = play(history, [...sixFromThree, login('home', false, at(20)), login('home', true, at(21))]);
    expect(answers.at(-2)?.failure).toEqual({ code: 'INVALID_CREDENTIALS' });
    expect(answers.at(-1)?.decided).toMatchObject([{ type: 'LoginSucceeded', data: { addressKey: 'home' } }]);
  });

  it('ends with its window, as an event', () => {
    const { answers } = play([registered()], [...sixFromThree, login('fresh', true, at(75))]);
    expect(answers.at(-1)?.decided).toMatchObject([
      { type: 'AccountUnlocked', data: { scope: 'ACCOUNT', reason: 'LOCK_EXPIRED', lockedUntil: at(75) } },
      { type: 'LoginSucceeded' },
    ]);
  });
});

describe('the second factor', () => {
  const issued = (id: string, s: number): AccountEvent => ({
    type: 'MfaChallengeIssued',
    data: { challengeId: id, method: 'TOTP', codeHash: null, expiresAt: at(s + 300), addressKey: 'addr-a', maxAttempts: 100, at: at(s) },
  });

  it('locks the whole account for longer each time: 60 s, 120 s, then at most maxLockSeconds', () => {
    let history: AccountEvent[] = totpProtected();
    const lengths: (number | null)[] = [];
    for (const start of [100, 300, 600, 1000]) {
      history = [...history, issued(`c${start}`, start)];
      const { events } = play(
        history,
        [0, 1, 2].map((i): AccountCommand => wrongCode(`c${start}`, at(start + i))),
        noTotalCap,
      );
      history = [...history, ...events];
      const lock = locks(events)[0];
      lengths.push(lock?.lockedUntil ? (Date.parse(lock.lockedUntil) - Date.parse(lock.at)) / 1000 : null);
    }
    expect(lengths).toEqual([60, 120, 200, 200]);
    expect(locks(history).map((l) => l.level)).toEqual([1, 2, 3, 4]);
  });

  it('refuses the right password while locked, and sends no challenge', () => {
    const history = [...totpProtected(), issued('c1', 100)];
    const { answers } = play(
      history,
      [0, 1, 2].map((i): AccountCommand => wrongCode('c1', at(101 + i))).concat(login('addr-a', true, at(110))),
    );
    expect(answers.at(-1)?.decided).toEqual([
      { type: 'AttemptRejectedWhileLocked', data: { operation: 'LOGIN', lockedUntil: at(163), at: at(110) } },
    ]);
    expect(answers.at(-1)?.failure).toEqual({ code: 'ACCOUNT_LOCKED', lockedUntil: at(163) });
  });

  it('answers a wrong password while locked as any wrong password', () => {
    const history = [...totpProtected(), issued('c1', 100)];
    const { answers } = play(
      history,
      [0, 1, 2].map((i): AccountCommand => wrongCode('c1', at(101 + i))).concat(login('addr-z', false, at(110))),
    );
    expect(answers.at(-1)?.failure).toEqual({ code: 'INVALID_CREDENTIALS' });
  });

  it('locks until an unlock after secondFactorFailureCap wrong codes in a row, until an admin resets it', () => {
    let history: AccountEvent[] = totpProtected();
    for (const start of [100, 300, 600]) {
      history = [...history, issued(`c${start}`, start)];
      history = [
        ...history,
        ...play(
          history,
          [0, 1, 2].map((i): AccountCommand => wrongCode(`c${start}`, at(start + i))),
        ).events,
      ];
    }
    const last = locks(history).at(-1);
    expect(last).toMatchObject({ scope: 'SECOND_FACTOR', level: 3, lockedUntil: null, consecutiveFailures: 2 });
    const years = addSeconds(at(0), 10 * 365 * 86400);
    const { answers } = play(history, [login('addr-a', true, years), { type: 'UnlockAccount', now: years }, login('addr-a', true, years)]);
    expect(answers[0]?.failure).toEqual({ code: 'ACCOUNT_LOCKED', lockedUntil: null });
    expect(answers[1]?.decided).toEqual([
      {
        type: 'AccountUnlocked',
        data: { scope: 'SECOND_FACTOR', addressKey: null, reason: 'ADMIN_RESET', lockedUntil: '9999-12-31T23:59:59.999Z', at: years },
      },
    ]);
    expect(answers[2]?.decided).toMatchObject([{ type: 'MfaChallengeIssued' }]);
  });

  it('resets the escalation and the total after a full logon', () => {
    const history = [...totpProtected(), issued('c1', 100)];
    const { state } = play(history, [wrongCode('c1', at(101)), wrongCode('c1', at(102))]);
    const after = decider.evolve(state, {
      type: 'LoginSucceeded',
      data: {
        sessionId: 's',
        method: 'TOTP',
        challengeId: null,
        addressKey: 'addr-a',
        expiresAt: at(1003),
        authenticatorId: 'enr-1',
        at: at(103),
      },
    });
    expect([after.consecutiveFailures, after.secondFactorTotal, after.lockLevel]).toEqual([0, 0, 0]);
  });

  it('has UnlockAccount append nothing when nothing is locked or counted', () => {
    expect(decider.decide({ type: 'UnlockAccount', now: at(1) }, fold([registered()]))).toEqual([]);
  });
});

describe('a challenge', () => {
  it('is dead after its own attempt limit: even the right code is refused then', () => {
    const history = [...totpProtected(), challengeIssued('ch-1', at(100))];
    const patient = accountDecider({ ...policy, lockoutThreshold: 5 });
    const { state } = play(history, [wrongCode('ch-1', at(101)), wrongCode('ch-1', at(102))], patient);
    expect(state.challenges['ch-1']?.attemptsLeft).toBe(1);
    const after = play(
      history,
      [0, 1, 2].map((i): AccountCommand => wrongCode('ch-1', at(101 + i))),
      patient,
    ).state;
    expect(after.challenges['ch-1']).toBeUndefined();
    const right: CompleteLogin = { ...wrongCode('ch-1', at(104)), proof: { kind: 'TOTP', authenticatorId: 'enr-1', timeStep: 1001 } };
    expect(patient.decide(right, after)).toMatchObject([{ type: 'TotpCheckFailed', data: { reason: 'UNKNOWN_REFERENCE' } }]);
  });

  it('dies with a lock of its address, and lives on through a lock of another', () => {
    const history = [...totpProtected(), challengeIssued('ch-1', at(100))];
    const other = play(
      history,
      [1, 2, 3].map((s) => login('addr-x', false, at(100 + s))),
    ).state;
    expect(other.challenges['ch-1']).toBeDefined();
    const own = play(
      history,
      [1, 2, 3].map((s) => login('addr-a', false, at(100 + s))),
    ).state;
    expect(own.challenges['ch-1']).toBeUndefined();
  });
});

describe('locks stored before scopes', () => {
  const old = [
    { type: 'PasswordCheckFailed', data: { consecutiveFailures: 5, at: at(1) } },
    { type: 'AccountLocked', data: { lockedUntil: at(900), consecutiveFailures: 5, at: at(1) } },
    { type: 'AccountUnlocked', data: { reason: 'LOCK_EXPIRED', lockedUntil: at(900), at: at(901) } },
  ];

  it('decode as ACCOUNT locks of level 0', () => {
    expect(old.map((e) => decider.decode(e.type, e.data))).toEqual([
      {
        type: 'PasswordCheckFailed',
        data: { consecutiveFailures: 5, addressKey: null, windowStartedAt: null, windowFailures: null, at: at(1) },
      },
      {
        type: 'AccountLocked',
        data: { scope: 'ACCOUNT', addressKey: null, level: 0, lockedUntil: at(900), consecutiveFailures: 5, at: at(1) },
      },
      { type: 'AccountUnlocked', data: { scope: 'ACCOUNT', addressKey: null, reason: 'LOCK_EXPIRED', lockedUntil: at(900), at: at(901) } },
    ]);
  });

  it('still close the whole account, as they did, and their end reopens it', () => {
    const [failed, locked, unlocked] = old.map((e) => decider.decode(e.type, e.data));
    const whileLocked = fold([registered(), failed!, locked!]);
    expect(decider.decide(login('addr-b', true, at(10)), whileLocked)).toMatchObject([{ type: 'AttemptRejectedWhileLocked' }]);
    const after = fold([registered(), failed!, locked!, unlocked!]);
    expect([after.lockedUntil, after.consecutiveFailures]).toEqual([null, 0]);
    expect(decider.decide(login('addr-b', true, at(902)), after)).toMatchObject([{ type: 'LoginSucceeded' }]);
  });
});
