import { at, registered, sessionStarted, totpProtected } from '@identity/testing';
import { accountDecider } from '../account.decider';
import { DEFAULT_SECURITY_POLICY } from '../account.commands';
import { AccountEvent } from '../account.events';
import { AccountState } from '../account.state';
import { liveSessionIds } from './sessions';
import { MAX_LIVE_SESSIONS, withinSessionLimit } from './session-limit';

const decider = accountDecider(DEFAULT_SECURITY_POLICY);
const fold = (events: AccountEvent[]): AccountState => events.reduce(decider.evolve, decider.initialState());
/** `count` logons, one a second from `from` on, each with a session of its own (`s0`, `s1` …). */
const logons = (count: number, from = 1): AccountEvent[] => Array.from({ length: count }, (_, i) => sessionStarted(`s${i}`, at(from + i)));
const login = (now: string) => ({
  type: 'Login' as const,
  now,
  passwordValid: true,
  sessionId: 'newest',
  challengeId: 'ch-new',
  challengeCodeHash: null,
  addressKey: 'addr-a',
});

describe('the live sessions an account may hold', () => {
  it('ends the oldest session in the logon that would make one more than the limit, and only that one', () => {
    const state = fold([registered(), ...logons(MAX_LIVE_SESSIONS)]);
    const now = at(MAX_LIVE_SESSIONS + 10);
    const events = decider.decide(login(now), state);
    expect(events.map((event) => event.type)).toEqual(['SessionsEnded', 'LoginSucceeded']);
    expect(events[0]).toEqual({ type: 'SessionsEnded', data: { sessionIds: ['s0'], reason: 'SESSION_LIMIT', at: now } });
    const after = fold([registered(), ...logons(MAX_LIVE_SESSIONS), ...events]);
    expect(liveSessionIds(after, now)).toHaveLength(MAX_LIVE_SESSIONS);
    expect(after.sessions.s0).toBeUndefined();
    expect(after.sessions.newest).toBeDefined();
  });

  it('ends nothing below the limit, and does not count expired sessions', () => {
    const below = fold([registered(), ...logons(MAX_LIVE_SESSIONS - 1)]);
    expect(decider.decide(login(at(200)), below).map((event) => event.type)).toEqual(['LoginSucceeded']);
    // The first ten end 900 s after they started (901 to 910 s): five have expired at 905 s, leaving 95 live, room for the new one.
    const expiring = fold([registered(), ...logons(10, 1), ...logons(MAX_LIVE_SESSIONS - 10, 500).map(renamed)]);
    expect(decider.decide(login(at(905)), expiring).map((event) => event.type)).toEqual(['LoginSucceeded']);
  });

  it('counts the sessions the same write ends as gone (turning protection on at logon ends the others)', () => {
    const state = fold([registered(), ...logons(MAX_LIVE_SESSIONS)]);
    const ended: AccountEvent = { type: 'SessionsEnded', data: { sessionIds: ['s0', 's1'], reason: 'PROTECTION_CHANGED', at: at(300) } };
    const events = withinSessionLimit(state, [ended, sessionStarted('newest', at(300))]);
    expect(events.map((event) => event.type)).toEqual(['SessionsEnded', 'LoginSucceeded']);
  });

  it('answers a challenge, not a session, without ending any (the session starts at completeLogin)', () => {
    const state = fold([...totpProtected(), ...logons(MAX_LIVE_SESSIONS, 1000)]);
    expect(decider.decide(login(at(1200)), state).map((event) => event.type)).toEqual(['MfaChallengeIssued']);
  });
});

/** The same logon under another session id (`t…`), so that two batches of logons do not share ids. */
function renamed(event: AccountEvent): AccountEvent {
  return event.type === 'LoginSucceeded' ? { ...event, data: { ...event.data, sessionId: `t${event.data.sessionId}` } } : event;
}
