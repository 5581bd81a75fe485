/**
 * A broken business rule. The code is stable: the API maps it to `extensions.code`.
 * Security outcomes (a wrong code, a wrong password) are not errors but events; see `account-outcome.ts`.
 */
export type DomainErrorCode =
  | 'BAD_USER_INPUT'
  | 'LOGIN_NAME_TAKEN'
  | 'ACCOUNT_NOT_FOUND'
  | 'VERIFICATION_REQUIRED'
  | 'TOTP_ALREADY_BOUND'
  | 'API_KEY_EXISTS';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
