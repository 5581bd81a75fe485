import { AcknowledgedWrite } from '../infrastructure/acknowledged-writes';

/**
 * A mutation's events were appended (the store acknowledged them), then a later step failed: the
 * payload could not be built, or a further step of the command could not run. The API answers
 * WRITE_ACKNOWLEDGED naming the writes, never a code that invites the client to send it again
 * (a retry would be refused: the code is spent, the enrollment bound, the name taken).
 */
export class WriteAcknowledgedError extends Error {
  constructor(
    readonly writes: readonly AcknowledgedWrite[],
    options: { cause: unknown },
  ) {
    super(`acknowledged ${writes.map((write) => write.streamId).join(', ')}, then failed`, options);
    this.name = 'WriteAcknowledgedError';
  }
}
