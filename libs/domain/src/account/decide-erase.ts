import { DomainError } from '../shared/domain-error';
import { requireStepUp, StepUpPolicy } from './kernel/sessions';
import { EraseAccount } from './account.commands';
import { AccountEvent } from './account.events';
import { AccountState } from './account.state';
import { requireAccount } from './kernel/account-guards';
import { verifiedVerification } from './kernel/enrollments';

/**
 * Erasure: by the person with a fresh ERASE_ACCOUNT verification (verified, within its window), or
 * by an admin key. The handler destroys the account's data key once AccountErased is appended.
 */
export function decideEraseAccount(policy: StepUpPolicy, command: EraseAccount, state: AccountState): AccountEvent[] {
  requireAccount(state);
  const { now, by, sessionId, verificationId } = command;
  if (by === 'SELF') {
    requireStepUp(state, sessionId, now, policy);
    const verification = verificationId === null ? null : verifiedVerification(state, verificationId, now);
    if (verification === null || verification.purpose !== 'ERASE_ACCOUNT') {
      throw new DomainError('VERIFICATION_REQUIRED', 'erasing the account needs a verified ERASE_ACCOUNT verification');
    }
  }
  return [{ type: 'AccountErased', data: { by, sessionId, verificationId: by === 'SELF' ? verificationId : null, at: now } }];
}
