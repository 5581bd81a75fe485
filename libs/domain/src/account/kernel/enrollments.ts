import { DomainError } from '../../shared/domain-error';
import { isBefore } from '../../shared/time';
import { Instant } from '../../shared/types';
import { AccountState, PendingEnrollment, PendingVerification } from '../account.state';

/** A verified verification still in its follow-up window and not used up, or VERIFICATION_REQUIRED. */
export function verifiedVerification(state: AccountState, verificationId: string, now: Instant): PendingVerification {
  const verification = state.verifications[verificationId];
  if (!verification || verification.verifiedAt === null || verification.consumed || !isBefore(now, verification.expiresAt)) {
    throw new DomainError('VERIFICATION_REQUIRED', 'verify your identity first');
  }
  return verification;
}

/** A pending enrollment not yet expired, or VERIFICATION_REQUIRED (begin again). */
export function liveEnrollment(state: AccountState, enrollmentId: string, now: Instant): PendingEnrollment {
  const enrollment = state.enrollments[enrollmentId];
  if (!enrollment || !isBefore(now, enrollment.expiresAt)) {
    throw new DomainError('VERIFICATION_REQUIRED', 'no pending enrollment: verify your identity and begin again');
  }
  return enrollment;
}
