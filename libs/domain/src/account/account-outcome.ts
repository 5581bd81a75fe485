import { Instant } from '../shared/types';
import { AccountEvent } from './account.events';

/**
 * What the caller hears after the decided events were appended. Security failures are events
 * first and answers second: the handler appends, then reports the failure found here.
 */
export type AccountFailure =
  | { code: 'ACCOUNT_LOCKED'; lockedUntil: Instant }
  | { code: 'INVALID_CREDENTIALS' }
  | { code: 'INVALID_CODE' };

export function failureIn(events: readonly AccountEvent[]): AccountFailure | null {
  for (const event of events) {
    if (event.type === 'AccountLocked') return { code: 'ACCOUNT_LOCKED', lockedUntil: event.data.lockedUntil };
    if (event.type === 'AttemptRejectedWhileLocked') return { code: 'ACCOUNT_LOCKED', lockedUntil: event.data.lockedUntil };
  }
  if (events.some((e) => e.type === 'PasswordCheckFailed')) return { code: 'INVALID_CREDENTIALS' };
  const codeFailures = ['TotpCheckFailed', 'LoginCodeCheckFailed', 'VerificationFailed'];
  if (events.some((e) => codeFailures.includes(e.type))) return { code: 'INVALID_CODE' };
  return null;
}
