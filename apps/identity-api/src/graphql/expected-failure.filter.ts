import { ArgumentsHost, Catch, Logger } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { StreamIntegrityError } from '@identity/event-store';
import { apiErrorFor } from './api-error-mapping';

/**
 * Errors a resolver throws on purpose (a wrong password, a refused limit, a broken business rule)
 * are answers, not faults: the request's one log line names their codes (logging/request-logging.ts,
 * at info), and this adds a debug line naming the field, never with a stack (Nest's default logs
 * each thrown error with its stack, which turned every failed logon into a dozen log lines). Every error is handed back to GraphQL, which answers it through format-error.ts; a real
 * fault is logged there, once, with its cause.
 */
@Catch()
export class ExpectedFailureFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  /** `onDamage`: where a stream that failed its hash chain is reported (infrastructure/integrity-alarms.ts). */
  constructor(private readonly onDamage: (error: StreamIntegrityError) => void = () => undefined) {}

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (exception instanceof StreamIntegrityError) this.onDamage(exception);
    const mapped = exception instanceof GraphQLError ? exception : apiErrorFor(exception);
    if (mapped) {
      const info = host.getArgByIndex(3) as { fieldName?: string } | undefined;
      this.logger.debug(`${info?.fieldName ?? 'operation'} refused: ${String(mapped.extensions?.code ?? 'UNKNOWN')}`);
    }
    return exception;
  }
}
