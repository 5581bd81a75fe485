import { DomainError, invalidRequest } from '../../shared/domain-error';
import { VerificationChannel } from '../../shared/types';
import { AccountState } from '../account.state';

/** An erased account is no account: every command on it is ACCOUNT_NOT_FOUND. */
export function requireAccount(state: AccountState): void {
  if (!state.exists || state.erased) throw new DomainError('ACCOUNT_NOT_FOUND', 'no such account');
}

/** A disabled account (a RAM user its primary disabled) does not log on: ACCOUNT_DISABLED, answered as wrong credentials. */
export function requireEnabled(state: AccountState): void {
  if (state.disabled) throw new DomainError('ACCOUNT_DISABLED', 'the account is disabled');
}

/** Where a code by `channel` goes, masked; refused when the account has no such destination. */
export function maskedDestinationFor(state: AccountState, channel: VerificationChannel): string {
  const maskedDestination = channel === 'SMS' ? state.maskedPhone : state.maskedEmail;
  if (maskedDestination === null) {
    throw invalidRequest('verifyBy', `the account has no ${channel === 'SMS' ? 'phone number' : 'email address'}`);
  }
  return maskedDestination;
}
