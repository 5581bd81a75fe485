import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Logger, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import type { GraphQLFormattedError } from 'graphql';
import { AuthModule } from '../auth/auth.module';
import { Authenticator } from '../auth/authenticator.service';
import { APP_CONFIG, AppConfig } from '@identity/config';
import { clientAddress } from '../rate-limits/client-address';
import { RequestContext } from '../auth/principal';
import { apiKeyHeader, bearerToken, requestMeta } from '../auth/request-meta';
import {
  ConnectionContext,
  isSubscriptionContext,
  subscriptionContext,
  subscriptionServerOptions,
} from '../integration/subscription-connection';
import { formatGraphqlError } from '../graphql/format-error';
import { operationLimits } from '../graphql/operation-limits/operation-limits';
import { graphqlOutcomePlugin } from '../logging/graphql-outcome';
import { Idempotency, IdempotencyModule } from '../idempotency/idempotency.module';
import { ProjectionsModule } from '../projections/projections.module';
import { ProjectionsService } from '../projections/projections.service';

const logger = new Logger('GraphQL');
/** Internal errors are logged here, in full; the client sees only INTERNAL_SERVER_ERROR. */
const logInternal = (error: GraphQLFormattedError, cause: unknown) =>
  logger.error(`internal error at ${JSON.stringify(error.path)}: ${error.message}`, cause instanceof Error ? cause.stack : undefined);

/**
 * Apollo, code-first. The schema is built from the resolvers in memory (the committed schema.gql is
 * printed from the same resolvers and checked in CI). Every request's credentials are resolved into
 * the context before any resolver runs.
 */
@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [AuthModule, IdempotencyModule, ProjectionsModule],
      inject: [Authenticator, APP_CONFIG, Idempotency, ProjectionsService],
      useFactory: (
        authenticator: Authenticator,
        config: AppConfig,
        idempotency: Idempotency,
        projections: ProjectionsService,
      ): ApolloDriverConfig => {
        const limits = operationLimits(config.limits.operations, config.limits.introspection);
        return {
          autoSchemaFile: true,
          sortSchema: true,
          // Introspection and a landing page (GraphiQL) only for development (docs/security.md); else Nest disables the page.
          graphiql: config.limits.introspection,
          playground: false,
          introspection: config.limits.introspection,
          validationRules: limits.validationRules,
          // No cache hints are used: without the default cache-control plugin, no plugin wraps every field's resolver.
          // Then the one that records each outcome for its log line, idempotency keys, and a person's read-your-writes.
          plugins: [
            ...limits.plugins,
            ApolloServerPluginCacheControlDisabled(),
            graphqlOutcomePlugin,
            idempotency.plugin,
            projections.readYourWrites.plugin(),
          ],
          parseOptions: limits.parseOptions,
          includeStacktraceInErrorResponses: false,
          csrfPrevention: true,
          formatError: (formatted, error) => formatGraphqlError(formatted, error, logInternal),
          // Subscriptions: graphql-ws on /graphql; an integrator or admin key is checked once, on connect (docs/events.md),
          // and every operation on the socket passes the same limits as over HTTP.
          subscriptions: {
            'graphql-ws': subscriptionServerOptions(authenticator, logInternal, limits.checkSocketOperation),
          },
          // Over HTTP, the Fastify integration passes the request itself; a WebSocket operation passes graphql-ws's context.
          context: async (input: FastifyRequest | ConnectionContext): Promise<RequestContext> => {
            if (isSubscriptionContext(input)) return subscriptionContext(input);
            const req = input.raw;
            const address = clientAddress(req.headers, req.socket?.remoteAddress, config.limits.trustProxyHops);
            // The request-logging hook gave the request its correlation id (logging/request-logging.ts): the events carry the same one.
            const loggedId = (req as { id?: unknown }).id;
            return {
              meta: requestMeta(req.headers, address, typeof loggedId === 'string' ? loggedId : undefined),
              principal: await authenticator.authenticate({ bearer: bearerToken(req.headers), apiKey: apiKeyHeader(req.headers) }),
            };
          },
        };
      },
    }),
  ],
})
export class GraphqlSetupModule {}
