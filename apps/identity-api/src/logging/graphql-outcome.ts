import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';

/** What a GraphQL request came to, as its log line shows it (request-logging.ts). */
export interface GraphqlOutcome {
  operation: string | null;
  /** The root fields asked for (the first ten), so that an unnamed operation still says what it did. */
  fields: string[];
  /** The `extensions.code` of every error answered, in order (after format-error.ts). */
  codes: string[];
}

const outcomes = new WeakMap<IncomingMessage, GraphqlOutcome>();

export function graphqlOutcomeOf(req: IncomingMessage): GraphqlOutcome | undefined {
  return outcomes.get(req);
}

/**
 * Records each HTTP operation's name and answered codes against its request, for the one log line.
 * Nest's Apollo driver puts Fastify's request on the context as `req`; its `raw` Node request is the
 * key the request-logging hook reads (Apollo clones the context object per operation, so the request
 * is the key, not the context).
 */
export const graphqlOutcomePlugin: ApolloServerPlugin<object> = {
  requestDidStart: () =>
    Promise.resolve({
      willSendResponse: ({ contextValue, response, operationName, operation }) => {
        const req = (contextValue as { req?: { raw: IncomingMessage } }).req?.raw;
        if (!req) return Promise.resolve(); // a subscription over WebSocket: no request line
        const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
        outcomes.set(req, {
          operation: operationName ?? null,
          fields: (operation?.selectionSet.selections ?? []).flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])).slice(0, 10),
          codes: errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')),
        });
        return Promise.resolve();
      },
    }),
};
