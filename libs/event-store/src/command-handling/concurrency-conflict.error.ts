/** The stream kept changing under the command: every attempt lost the race to another writer. */
export class ConcurrencyConflictError extends Error {
  readonly code = 'CONFLICT';
  constructor(
    readonly streamId: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(`stream ${streamId}: concurrent writes, gave up after ${attempts} attempts`, options);
    this.name = 'ConcurrencyConflictError';
  }
}
