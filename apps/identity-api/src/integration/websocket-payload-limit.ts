import { Logger, type INestApplication } from '@nestjs/common';
import type { WebSocket } from 'ws';
import { GraphQLModule } from '@nestjs/graphql';

/** The largest WebSocket message read from a client; a bigger one closes the socket with 1009 before it is buffered. */
export const WEBSOCKET_MAX_PAYLOAD_BYTES = 64 * 1024;

interface WsServerLike {
  options: { maxPayload?: number };
  on(event: 'connection', listener: (socket: WebSocket) => void): void;
}

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
  for (const server of servers) {
    server.options.maxPayload = WEBSOCKET_MAX_PAYLOAD_BYTES;
    server.on('connection', quietOversizedMessages);
  }
}

const logger = new Logger('WebSocket');

/**
 * `ws` closes the socket with 1009 and emits the oversized message as an error, which graphql-ws
 * logs with its stack as an "internal error". It is a refused client message: one line instead.
 */
function quietOversizedMessages(socket: WebSocket): void {
  const emit = socket.emit.bind(socket);
  socket.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (event === 'error' && (args[0] as { code?: string } | undefined)?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
      logger.log(`message over ${WEBSOCKET_MAX_PAYLOAD_BYTES} bytes refused: connection closed (1009)`);
      return true;
    }
    return emit(event, ...args);
  }) as WebSocket['emit'];
}

function isWsServer(value: unknown): value is WsServerLike {
  return typeof value === 'object' && value !== null && typeof (value as WsServerLike).options === 'object';
}
