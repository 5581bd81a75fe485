import { DEFAULT_SECURITY_POLICY } from '../account/account.commands';
import {
  guardAfterFailure,
  guardAfterLock,
  initialPasswordGuard,
  PasswordGuard,
  PasswordGuardPolicy,
  passwordFailure,
  passwordRefusal,
  PasswordRefusal,
  UNKNOWN_ADDRESS_KEY,
} from '../account/kernel/password-guard';
import { Instant } from '../shared/types';
import { decodeLoginAttemptEvent } from './login-attempt.registry';

/**
 * A logon with a login name that belongs to no account is a failure like any other, so it is an
 * event too. There is no account stream to hold it: it goes to `loginattempt-<key>`, where the key
 * is a keyed digest of the normalised name (a name typed by mistake may be a password, so neither
 * the name nor an unkeyed hash of it is stored). `attempt` counts the attempts on that name. It is
 * counted exactly as a wrong password of a real account (kernel/password-guard.ts: per client
 * address and across them), so an unknown name "locks" as a known one does and answers alike.
 * Stored attempts before that counting have null `addressKey`, counts and window.
 */
export type UnknownLoginNameAttempted = {
  type: 'UnknownLoginNameAttempted';
  data: {
    attempt: number;
    addressKey: string | null;
    consecutiveFailures: number | null;
    windowStartedAt: Instant | null;
    windowFailures: number | null;
    at: Instant;
  };
};
/** The name's password step closed to one address, or (ACCOUNT) to every address, until `lockedUntil`. */
export type UnknownLoginNameLocked = {
  type: 'UnknownLoginNameLocked';
  data: { scope: 'ADDRESS' | 'ACCOUNT'; addressKey: string | null; lockedUntil: Instant; at: Instant };
};
export type LoginAttemptEvent = UnknownLoginNameAttempted | UnknownLoginNameLocked;
export interface RecordUnknownLoginName {
  type: 'RecordUnknownLoginName';
  now: Instant;
  /** The keyed hash of the client address (absent: UNKNOWN_ADDRESS_KEY). */
  addressKey?: string;
}
export interface LoginAttemptState {
  attempts: number;
  guard: PasswordGuard;
}

export const LOGIN_ATTEMPT_EVENT_TYPES = ['UnknownLoginNameAttempted', 'UnknownLoginNameLocked'] as const;

/** Whether the name's password step refuses this address now (the handler then runs no argon2). */
export function unknownLoginNameRefusal(state: LoginAttemptState, addressKey: string, now: Instant): PasswordRefusal {
  return passwordRefusal(state.guard, addressKey, now);
}

function evolve(state: LoginAttemptState, event: LoginAttemptEvent): LoginAttemptState {
  if (event.type === 'UnknownLoginNameLocked') {
    const { scope, addressKey, lockedUntil } = event.data;
    return { ...state, guard: guardAfterLock(state.guard, scope, addressKey, lockedUntil) };
  }
  const d = event.data;
  const attempts = Math.max(state.attempts, d.attempt);
  if (d.addressKey === null || d.consecutiveFailures === null) return { ...state, attempts };
  return { attempts, guard: guardAfterFailure(state.guard, d.addressKey, { ...d, consecutiveFailures: d.consecutiveFailures }) };
}

export function unknownLoginNameDecider(policy: PasswordGuardPolicy) {
  return {
    decode: decodeLoginAttemptEvent,
    snapshotVersion: 'login-attempt-state.v2',
    initialState: (): LoginAttemptState => ({ attempts: 0, guard: initialPasswordGuard() }),
    evolve,
    decide(command: RecordUnknownLoginName, state: LoginAttemptState): LoginAttemptEvent[] {
      const now = command.now;
      const addressKey = command.addressKey ?? UNKNOWN_ADDRESS_KEY;
      if (passwordRefusal(state.guard, addressKey, now) !== null) return [];
      const f = passwordFailure(policy, state.guard, addressKey, now);
      const { consecutiveFailures, windowStartedAt, windowFailures } = f;
      const events: LoginAttemptEvent[] = [
        {
          type: 'UnknownLoginNameAttempted',
          data: { attempt: state.attempts + 1, addressKey, consecutiveFailures, windowStartedAt, windowFailures, at: now },
        },
      ];
      if (f.addressLockedUntil !== null) {
        events.push({ type: 'UnknownLoginNameLocked', data: { scope: 'ADDRESS', addressKey, lockedUntil: f.addressLockedUntil, at: now } });
      }
      if (f.capLockedUntil !== null) {
        events.push({
          type: 'UnknownLoginNameLocked',
          data: { scope: 'ACCOUNT', addressKey: null, lockedUntil: f.capLockedUntil, at: now },
        });
      }
      return events;
    },
  };
}

/** Under the default policy (the service builds its own from its configuration). */
export const loginAttemptDecider = unknownLoginNameDecider(DEFAULT_SECURITY_POLICY);
