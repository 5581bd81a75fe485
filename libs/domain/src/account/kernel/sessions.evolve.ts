import { LoginSucceeded, SessionsEnded, StepUpSucceeded } from '../account.events';
import { AccountSession, AccountState } from '../account.state';

/** The session a logon starts; its own second factor, if it had one, is the session's first proof. */
export function sessionStartedBy(event: LoginSucceeded): Record<string, AccountSession> {
  const { sessionId, method, authenticatorId, expiresAt, at } = event.data;
  const proof = { method, authenticatorId };
  const secondFactor = method === 'PASSWORD' ? null : proof;
  return { [sessionId]: { createdAt: at, expiresAt, proof, secondFactorAt: secondFactor ? at : null, secondFactor } };
}

/** Ended sessions are forgotten at once; a step-up is the session's newest second-factor proof. */
export function evolveSessions(state: AccountState, event: SessionsEnded | StepUpSucceeded): AccountState {
  switch (event.type) {
    case 'SessionsEnded': {
      const ended = new Set(event.data.sessionIds);
      const sessions = Object.fromEntries(Object.entries(state.sessions).filter(([id]) => !ended.has(id)));
      return { ...state, sessions };
    }
    case 'StepUpSucceeded': {
      const { sessionId, method, authenticatorId, at } = event.data;
      const session = state.sessions[sessionId];
      // A right second factor, as a logon's: the counts and the escalation start again (docs/adr/0005-lockout.md).
      const counts = { consecutiveFailures: 0, secondFactorTotal: 0, lockLevel: 0 };
      if (!session) return { ...state, ...counts };
      const stepped = { ...session, secondFactorAt: at, secondFactor: { method, authenticatorId } };
      return { ...state, ...counts, sessions: { ...state.sessions, [sessionId]: stepped } };
    }
  }
}
