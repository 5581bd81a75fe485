import type { IncomingMessage } from 'node:http';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import type { ServerOptions } from 'graphql-ws';
import type WebSocket from 'ws';
import type { OperationLimitsSetup } from '../graphql/operation-limits/operation-limits';
import { API_KEY_RECHECK_MS, Authenticator } from '../auth/authenticator.service';
import { Principal, RequestContext } from '../auth/principal';
import { requestMeta } from '../auth/request-meta';
import { formatGraphqlError } from '../graphql/format-error';

/** What the `ws` transport of graphql-ws gives each connection; the principal is added on connect. */
interface ConnectionExtra {
  request?: IncomingMessage;
  socket?: WebSocket;
  principal?: Principal;
}
export interface ConnectionContext {
  connectionParams?: Readonly<Record<string, unknown>>;
  extra: unknown;
}

const SUBSCRIBER_ROLES = new Set(['integrator', 'admin']);

/**
 * The graphql-ws server hooks. Credentials come once, in `connectionParams` (`{ apiKey }` or
 * `{ authorization: "Bearer …" }`); only an integrator or admin key may connect. Any other answer
 * (none, invalid, a person's token, an auditor key) closes the socket with 4403 Forbidden before
 * any operation runs. The credentials are checked again every API_KEY_RECHECK_MS while the socket is
 * open: a key revoked (or expired) meanwhile closes it with 4403 too. Every operation passes the
 * operation limits (`checkOperation`) before it runs. Errors sent over the socket pass the same
 * allow-list as over HTTP.
 */
export function subscriptionServerOptions(
  authenticator: Authenticator,
  onInternal: (error: GraphQLFormattedError, cause: unknown) => void,
  checkOperation: OperationLimitsSetup['checkSocketOperation'],
): GraphQLWsSubscriptionsConfig & Pick<ServerOptions, 'onError'> {
  const format = (errors: readonly GraphQLError[]) => errors.map((error) => formatGraphqlError(error.toJSON(), error, onInternal));
  return {
    connectionInitWaitTimeout: 10_000,
    onConnect: async (ctx) => {
      const principal = await authenticateConnection(authenticator, ctx.connectionParams);
      if (!principal || principal.kind !== 'machine' || !SUBSCRIBER_ROLES.has(principal.role)) return false;
      const extra = ctx.extra as ConnectionExtra;
      extra.principal = principal;
      if (extra.socket) watchCredentials(extra.socket, () => authenticateConnection(authenticator, ctx.connectionParams));
      return true;
    },
    onSubscribe: (_ctx, _id, payload) => checkOperation(payload),
    onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: format(result.errors) } : undefined),
    onError: (_ctx, _id, _payload, errors) => format(errors),
  };
}

export function isSubscriptionContext(input: unknown): input is ConnectionContext {
  return typeof input === 'object' && input !== null && 'extra' in input && !('req' in input && (input as { req?: unknown }).req);
}

/** The request context of an operation on a WebSocket: the principal authenticated on connect. */
export function subscriptionContext(ctx: ConnectionContext): RequestContext {
  const extra = (ctx.extra ?? {}) as ConnectionExtra;
  return {
    principal: extra.principal ?? null,
    meta: requestMeta(extra.request?.headers ?? {}, extra.request?.socket?.remoteAddress),
  };
}

/** Closes the socket with 4403 once its credentials no longer authenticate (a revoked or expired key). */
function watchCredentials(socket: WebSocket, authenticate: () => Promise<Principal | null>): void {
  const timer = setInterval(() => {
    authenticate().then(
      (principal) => {
        if (!principal) socket.close(4403, 'Forbidden');
      },
      () => undefined, // a store hiccup is not a revocation; the next check decides
    );
  }, API_KEY_RECHECK_MS);
  timer.unref();
  socket.once('close', () => clearInterval(timer));
}

async function authenticateConnection(
  authenticator: Authenticator,
  params: Readonly<Record<string, unknown>> | undefined,
): Promise<Principal | null> {
  const apiKey = typeof params?.apiKey === 'string' ? params.apiKey : null;
  const authorization = typeof params?.authorization === 'string' ? params.authorization : null;
  const bearer = authorization ? (/^Bearer\s+(\S+)$/i.exec(authorization)?.[1] ?? null) : null;
  if (!apiKey && !bearer) return null;
  return authenticator.authenticate({ bearer, apiKey });
}
