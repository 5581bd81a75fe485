import { at, deciderSpec } from '@identity/testing';
import { DEFAULT_SECURITY_POLICY } from '../account/account.commands';
import { LoginAttemptEvent, LoginAttemptState, unknownLoginNameDecider, unknownLoginNameRefusal } from './unknown-login-name.decider';

const policy = { ...DEFAULT_SECURITY_POLICY, lockoutThreshold: 3, lockoutSeconds: 60, passwordFailureCap: 6 };
const decider = unknownLoginNameDecider(policy);
const spec = deciderSpec(decider);
const record = (addressKey: string, now: string) => ({ type: 'RecordUnknownLoginName' as const, now, addressKey });
const oldAttempt = (attempt: number): LoginAttemptEvent => ({
  type: 'UnknownLoginNameAttempted',
  data: { attempt, addressKey: null, consecutiveFailures: null, windowStartedAt: null, windowFailures: null, at: at(0) },
});

function play(commands: ReturnType<typeof record>[]) {
  let state: LoginAttemptState = decider.initialState();
  const decided = commands.map((command) => {
    const events = decider.decide(command, state);
    state = events.reduce(decider.evolve, state);
    return events;
  });
  return { decided, state };
}

describe('RecordUnknownLoginName', () => {
  it('records the first attempt on a name, counted for its address and across addresses', () =>
    spec
      .given([])
      .when(record('addr-x', at(5)))
      .then([
        {
          type: 'UnknownLoginNameAttempted',
          data: { attempt: 1, addressKey: 'addr-x', consecutiveFailures: 1, windowStartedAt: at(5), windowFailures: 1, at: at(5) },
        },
      ]));

  it('counts on from attempts stored before per-address counting', () =>
    spec
      .given([oldAttempt(1), oldAttempt(2)])
      .when(record('addr-x', at(5)))
      .thenMatch([{ type: 'UnknownLoginNameAttempted', data: { attempt: 3, consecutiveFailures: 1 } }]));

  it('locks an address at the threshold, as a known name does, and records nothing while it runs', () => {
    const { decided, state } = play([1, 2, 3, 4].map((s) => record('addr-x', at(s))));
    expect(decided[2]).toMatchObject([
      { type: 'UnknownLoginNameAttempted', data: { consecutiveFailures: 3 } },
      { type: 'UnknownLoginNameLocked', data: { scope: 'ADDRESS', addressKey: 'addr-x', lockedUntil: at(63), at: at(3) } },
    ]);
    expect(decided[3]).toEqual([]);
    expect(unknownLoginNameRefusal(state, 'addr-x', at(10))).toEqual({ scope: 'ADDRESS', lockedUntil: at(63) });
    expect(unknownLoginNameRefusal(state, 'addr-y', at(10))).toBeNull();
  });

  it('counts an address from zero once its lock ran out', () => {
    const { decided } = play([1, 2, 3].map((s) => record('addr-x', at(s))).concat(record('addr-x', at(63))));
    expect(decided[3]).toMatchObject([{ type: 'UnknownLoginNameAttempted', data: { consecutiveFailures: 1, windowFailures: 1 } }]);
  });

  it('closes the name to every address at the cap across addresses', () => {
    const { decided, state } = play(['a', 'b', 'c'].flatMap((k, i) => [record(k, at(10 + 2 * i)), record(k, at(11 + 2 * i))]));
    expect(decided[5]).toMatchObject([
      { type: 'UnknownLoginNameAttempted', data: { windowFailures: 6 } },
      { type: 'UnknownLoginNameLocked', data: { scope: 'ACCOUNT', addressKey: null, lockedUntil: at(75) } },
    ]);
    expect(unknownLoginNameRefusal(state, 'fresh', at(20))).toEqual({ scope: 'ACCOUNT', lockedUntil: at(75) });
    expect(unknownLoginNameRefusal(state, 'fresh', at(75))).toBeNull();
  });
});
