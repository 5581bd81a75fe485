import { Instant } from '../shared/types';
import { decodeLoginAttemptEvent } from './login-attempt.registry';

/**
 * A logon with a login name that belongs to no account is a failure like any other, so it is an
 * event too. There is no account stream to hold it: it goes to `loginattempt-<key>`, where the key
 * is a keyed digest of the normalised name (a name typed by mistake may be a password, so neither
 * the name nor an unkeyed hash of it is stored). `attempt` counts the attempts on that name.
 */
export type UnknownLoginNameAttempted = { type: 'UnknownLoginNameAttempted'; data: { attempt: number; at: Instant } };
export type LoginAttemptEvent = UnknownLoginNameAttempted;
export interface RecordUnknownLoginName {
  type: 'RecordUnknownLoginName';
  now: Instant;
}
export interface LoginAttemptState {
  attempts: number;
}

export const LOGIN_ATTEMPT_EVENT_TYPES = ['UnknownLoginNameAttempted'] as const;

export const loginAttemptDecider = {
  decode: decodeLoginAttemptEvent,
  snapshotVersion: 'login-attempt-state.v1',
  initialState: (): LoginAttemptState => ({ attempts: 0 }),
  evolve: (state: LoginAttemptState, event: LoginAttemptEvent): LoginAttemptState => ({
    attempts: Math.max(state.attempts, event.data.attempt),
  }),
  decide(command: RecordUnknownLoginName, state: LoginAttemptState): LoginAttemptEvent[] {
    return [{ type: 'UnknownLoginNameAttempted', data: { attempt: state.attempts + 1, at: command.now } }];
  },
};
