import { ArgumentsHost, Catch, Logger } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';

/**
 * Errors a resolver throws on purpose (a wrong password, a refused limit) are answers, not faults:
 * they are logged as one line naming the code, never with a stack (Nest's default logs each thrown
 * error with its stack, which turned every failed logon into a dozen log lines). Returning the error
 * hands it to GraphQL, which answers it through format-error.ts as before.
 */
@Catch(GraphQLError)
export class ExpectedFailureFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  catch(exception: GraphQLError, host: ArgumentsHost): GraphQLError {
    const info = host.getArgByIndex(3) as { fieldName?: string } | undefined;
    const code = String(exception.extensions?.code ?? 'UNKNOWN');
    this.logger.log(`${info?.fieldName ?? 'operation'} refused: ${code}`);
    return exception;
  }
}
