import { DomainError } from '../../shared/domain-error';
import { Instant } from '../../shared/types';
import { AccountState } from '../account.state';
import { requireAccount } from '../kernel/account-guards';
import { liveSession, requireStepUp, StepUpPolicy } from '../kernel/sessions';

/**
 * Whether the acting account may manage RAM users, checked on its own state before any RAM user's
 * stream is touched: it exists, its session is live, it is a primary account (a RAM user manages no
 * one: NOT_PERMITTED), and, where its protection covers SENSITIVE_OPERATION, the session holds a
 * fresh second-factor proof (the step-up rule of every sensitive operation). Pure.
 */
export function requireRamUserManager(state: AccountState, sessionId: string, now: Instant, policy: StepUpPolicy): void {
  requireAccount(state);
  if (liveSession(state, sessionId, now) === null) throw new DomainError('SESSION_NOT_LIVE', 'the session has ended');
  if (state.primaryAccountId !== null) throw new DomainError('NOT_PERMITTED', 'a RAM user may not manage RAM users');
  requireStepUp(state, sessionId, now, policy);
}
