import { AccountFailure } from '@identity/domain';

/**
 * A use case refused the request after recording why (a wrong password or code, a lock): the
 * failure events are appended first, then this is thrown. The API reports it as the failure's code.
 */
export class RefusedError extends Error {
  constructor(readonly failure: AccountFailure) {
    super(`refused: ${failure.code}`);
    this.name = 'RefusedError';
  }
}
