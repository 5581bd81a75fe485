import { AccountEvent } from '../account.events';
import { AccountState } from '../account.state';
import { endSessions, liveSessionIds } from './sessions';

/**
 * The most live sessions an account holds. A logon beyond it ends the oldest ones in the same write
 * (`SessionsEnded`, reason `SESSION_LIMIT`): a person has a session per device and browser, far fewer
 * than this, while a script that logs on for every call, or someone who has the password, would
 * otherwise grow the account's state (and the cost of every command on it) without end.
 */
export const MAX_LIVE_SESSIONS = 100;

/**
 * `events` as decided, with the oldest live sessions ended just before a `LoginSucceeded` that would
 * make more than `max` live (the sessions the same write ends already count as gone).
 */
export function withinSessionLimit(state: AccountState, events: AccountEvent[], max = MAX_LIVE_SESSIONS): AccountEvent[] {
  const index = events.findIndex((event) => event.type === 'LoginSucceeded');
  const started = events[index];
  if (started?.type !== 'LoginSucceeded' || Object.keys(state.sessions).length < max) return events;
  const now = started.data.at;
  const ended = new Set(events.flatMap((event) => (event.type === 'SessionsEnded' ? event.data.sessionIds : [])));
  const live = liveSessionIds(state, now).filter((id) => !ended.has(id));
  if (live.length < max) return events;
  const oldest = endSessions(state, live.slice(0, live.length - max + 1), 'SESSION_LIMIT', now);
  return [...events.slice(0, index), ...oldest, ...events.slice(index)];
}
