import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { GraphQLError, GraphQLResolveInfo } from 'graphql';
import { catchError, Observable, throwError } from 'rxjs';
import { AcknowledgedWrite, collectAcknowledgedWrites } from '../infrastructure/acknowledged-writes';
import { apiErrorFor } from './api-error-mapping';
import { WriteAcknowledgedError } from './write-acknowledged.error';

/** Codes that tell a client nothing was decided and it may send the request again. */
const CODES_INVITING_A_RETRY = new Set(['UNAVAILABLE', 'CONFLICT', 'INTERNAL_SERVER_ERROR']);

function codeOf(error: unknown): string {
  if (error instanceof GraphQLError) return String(error.extensions.code ?? 'INTERNAL_SERVER_ERROR');
  return String(apiErrorFor(error)?.extensions.code ?? 'INTERNAL_SERVER_ERROR');
}

/**
 * What a mutation that failed answers: its own error, unless the command runners recorded writes
 * before it and the error would invite a retry (UNAVAILABLE, CONFLICT, an internal error); then
 * WRITE_ACKNOWLEDGED naming the writes. Refusals (a wrong code appended as a failure, a delivery that
 * failed) keep their codes: they are the decided answer.
 */
export function acknowledgedOr(error: unknown, writes: readonly AcknowledgedWrite[]): unknown {
  if (writes.length === 0 || !CODES_INVITING_A_RETRY.has(codeOf(error))) return error;
  return new WriteAcknowledgedError(writes, { cause: error });
}

/**
 * Around each top-level mutation field: collects the writes its command runners record, and turns an
 * error after them into WRITE_ACKNOWLEDGED (acknowledgedOr), logging the fault behind it once, with
 * its stack, at error level (the client's answer carries neither).
 */
@Injectable()
export class WriteAcknowledgedInterceptor implements NestInterceptor {
  private readonly logger = new Logger('GraphQL');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() !== 'graphql') return next.handle();
    const info = GqlExecutionContext.create(context).getInfo<GraphQLResolveInfo>();
    if (info.operation.operation !== 'mutation' || info.path.prev !== undefined) return next.handle();
    const writes: AcknowledgedWrite[] = [];
    return new Observable((subscriber) =>
      collectAcknowledgedWrites(writes, () =>
        next
          .handle()
          .pipe(catchError((error: unknown) => throwError(() => this.answerFor(info.fieldName, error, writes))))
          .subscribe(subscriber),
      ),
    );
  }

  private answerFor(field: string, error: unknown, writes: readonly AcknowledgedWrite[]): unknown {
    const answer = acknowledgedOr(error, writes);
    if (answer instanceof WriteAcknowledgedError) {
      const streams = writes.map((write) => `${write.streamId}@${write.position}`).join(', ');
      const cause = error instanceof Error ? error : new Error(String(error));
      this.logger.error(`${field}: ${streams} written, then the answer failed: ${cause.name}: ${cause.message}`, cause.stack);
    }
    return answer;
  }
}
