/**
 * A broken business rule, named in the domain's own words. The API maps each code to the
 * contract's codes in one place. Security outcomes (a wrong code, a wrong password) are not errors
 * but events; see `account-outcome.ts`.
 */
export type DomainErrorCode =
  /** A command's value breaks a rule; `field` names it. */
  | 'INVALID_REQUEST'
  | 'ACCOUNT_EXISTS'
  | 'ACCOUNT_NOT_FOUND'
  | 'LOGIN_NAME_TAKEN'
  | 'VERIFICATION_REQUIRED'
  | 'PROTECTION_NOT_ENABLED'
  /** Weakening or removing TOTP protection needs a fresh TOTP code; a delivered code alone is not enough. */
  | 'SECOND_FACTOR_REQUIRED'
  | 'ENROLLMENT_ALREADY_BOUND'
  | 'AUTHENTICATOR_LIMIT_REACHED'
  /** A sensitive operation without a fresh second-factor proof on the acting session. */
  | 'STEP_UP_REQUIRED'
  /** The acting session is not live (ended or expired). */
  | 'SESSION_NOT_LIVE'
  /** Removing the last authenticator of TOTP protection without turning protection off with it. */
  | 'LAST_FACTOR'
  /** The acting account may not do this: a RAM user managing RAM users, or another primary's RAM user. */
  | 'NOT_PERMITTED'
  /** A logon of a disabled account (answered as INVALID_CREDENTIALS: the same as a wrong password). */
  | 'ACCOUNT_DISABLED'
  | 'API_KEY_EXISTS'
  | 'API_KEY_NOT_FOUND'
  | 'WEBHOOK_EXISTS'
  | 'WEBHOOK_NOT_FOUND';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** The command field at fault (always set for INVALID_REQUEST). */
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A command value that breaks a rule: the message starts with the field's name. */
export const invalidRequest = (field: string, rule: string): DomainError => new DomainError('INVALID_REQUEST', `${field}: ${rule}`, field);
