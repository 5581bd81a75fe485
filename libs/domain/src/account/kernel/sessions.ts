import { DomainError } from '../../shared/domain-error';
import { addSeconds, isBefore } from '../../shared/time';
import { Instant } from '../../shared/types';
import { AccountEvent, SessionEndReason } from '../account.events';
import { AccountSession, AccountState, totpAuthenticators } from '../account.state';

/** What the step-up rule needs of the security policy. */
export interface StepUpPolicy {
  /** How old a session's last second-factor proof may be for a sensitive operation (STEP_UP_MAX_AGE_SECONDS). */
  stepUpMaxAgeSeconds: number;
}

/** The session if it is live at `now` (started, not ended, not expired); null otherwise. */
export function liveSession(
  state: Pick<AccountState, 'sessions'>,
  sessionId: string | null | undefined,
  now: Instant,
): AccountSession | null {
  const session = sessionId ? state.sessions[sessionId] : undefined;
  return session && isBefore(now, session.expiresAt) ? session : null;
}

/** The ids of the live sessions at `now`, oldest first. */
export function liveSessionIds(state: Pick<AccountState, 'sessions'>, now: Instant): string[] {
  return Object.entries(state.sessions)
    .filter(([, session]) => isBefore(now, session.expiresAt))
    .sort(([, a], [, b]) => a.createdAt.localeCompare(b.createdAt))
    .map(([id]) => id);
}

/** Ends the given live sessions (none: no event). */
export function endSessions(state: AccountState, sessionIds: readonly string[], reason: SessionEndReason, now: Instant): AccountEvent[] {
  const live = new Set(liveSessionIds(state, now));
  const ending = sessionIds.filter((id) => live.has(id));
  return ending.length === 0 ? [] : [{ type: 'SessionsEnded', data: { sessionIds: ending, reason, at: now } }];
}

/**
 * Ends every live session but `keepSessionId` (null: all of them). For the operations after which
 * an older session must not go on: turning protection on or off, a password change, removing an
 * authenticator, a reset by the primary account.
 */
export function endOtherSessions(
  state: AccountState,
  keepSessionId: string | null | undefined,
  reason: SessionEndReason,
  now: Instant,
): AccountEvent[] {
  return endSessions(
    state,
    liveSessionIds(state, now).filter((id) => id !== keepSessionId),
    reason,
    now,
  );
}

/**
 * Whether a sensitive operation needs a step-up on this account: its protection covers
 * SENSITIVE_OPERATION and it has a factor `stepUp` takes (a bound TOTP authenticator today). An
 * account protected by SMS/EMAIL alone proves the person by the code each sensitive operation
 * already sends (see docs/security.md).
 */
export function stepUpApplies(state: AccountState): boolean {
  const { enabled, scenes } = state.protection;
  return enabled && scenes.includes('SENSITIVE_OPERATION') && totpAuthenticators(state).length > 0;
}

/**
 * The step-up rule, for every sensitive operation (one line in its decide): where it applies, the
 * acting session must be live and hold a second-factor proof younger than the policy's maximum age;
 * STEP_UP_REQUIRED otherwise. Pure: the time is the command's.
 */
export function requireStepUp(state: AccountState, sessionId: string | null | undefined, now: Instant, policy: StepUpPolicy): void {
  if (!stepUpApplies(state)) return;
  const provenAt = liveSession(state, sessionId, now)?.secondFactorAt ?? null;
  if (provenAt === null || !isBefore(now, addSeconds(provenAt, policy.stepUpMaxAgeSeconds))) {
    throw new DomainError('STEP_UP_REQUIRED', 'this operation needs a fresh second factor on this session: call stepUp first');
  }
}
