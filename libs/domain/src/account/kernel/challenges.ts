import { isBefore } from '../../shared/time';
import { Instant } from '../../shared/types';
import { AccountState, LoginChallenge } from '../account.state';

export type ChallengeLookup = { found: true; challenge: LoginChallenge } | { found: false; reason: 'UNKNOWN_REFERENCE' | 'EXPIRED' };

/** The logon challenge a second step answers: unknown when never issued or already completed. */
export function liveChallenge(state: AccountState, challengeId: string, now: Instant): ChallengeLookup {
  const challenge = state.challenges[challengeId];
  if (!challenge || challenge.completed) return { found: false, reason: 'UNKNOWN_REFERENCE' };
  if (!isBefore(now, challenge.expiresAt)) return { found: false, reason: 'EXPIRED' };
  return { found: true, challenge };
}
