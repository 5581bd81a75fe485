import type { INestApplication } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';

/** The largest WebSocket message read from a client; a bigger one closes the socket with 1009 before it is buffered. */
export const WEBSOCKET_MAX_PAYLOAD_BYTES = 64 * 1024;

interface WsServerLike { options: { maxPayload?: number } }

/**
 * @nestjs/graphql creates its `ws` servers without a way to pass `maxPayload` (the default is 100 MiB,
 * read before the connection is authenticated). `ws` reads the option on every upgrade, so it is set
 * on the servers once they exist; a Nest upgrade that renames them stops the start instead of
 * silently lifting the limit.
 */
export function limitWebSocketPayload(app: INestApplication): void {
  const adapter = app.get(GraphQLModule).graphQlAdapter as unknown as { _subscriptionService?: Record<string, unknown> };
  const service = adapter._subscriptionService;
  const servers = service ? [service.wss, service.subTransWs].filter(isWsServer) : [];
  if (servers.length === 0) throw new Error('the GraphQL WebSocket server was not found: cannot set its maxPayload');
  for (const server of servers) server.options.maxPayload = WEBSOCKET_MAX_PAYLOAD_BYTES;
}

function isWsServer(value: unknown): value is WsServerLike {
  return typeof value === 'object' && value !== null && typeof (value as WsServerLike).options === 'object';
}
