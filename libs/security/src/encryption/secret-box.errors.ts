/**
 * The account's data key is gone (crypto-shredded), so its secrets can never be read again.
 * Typed so that callers can tell an erased account from a fault.
 */
export class SecretUnavailableError extends Error {
  readonly code = 'SECRET_UNAVAILABLE';

  constructor(readonly accountId: string) {
    super(`the secrets of account ${accountId} are no longer available: its data key was erased`);
    this.name = 'SecretUnavailableError';
  }
}

/** A secret box that is malformed, was altered, or belongs to another account. */
export class SecretBoxIntegrityError extends Error {
  constructor(reason: string) {
    super(`secret box rejected: ${reason}`);
    this.name = 'SecretBoxIntegrityError';
  }
}
