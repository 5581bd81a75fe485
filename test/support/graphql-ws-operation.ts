import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** How the server answered one operation on the socket: a graphql-ws `error` message, or results. */
export interface SocketAnswer {
  /** `refused`: an `error` message, sent instead of running the operation. */
  kind: 'refused' | 'results';
  errors: { message: string; extensions?: { code?: string } }[];
  data: unknown[];
}

/**
 * One graphql-ws connection on which single operations (query, mutation or subscription) are run to
 * their first answer, as an attacker with an integrator key would send them.
 */
export class SocketOperations {
  private readonly client: Client;

  constructor(baseUrl: string, connectionParams: Record<string, unknown>) {
    this.client = createClient({
      url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams,
      retryAttempts: 0,
      // One socket for the whole suite: a lazy client closes when idle and may drop an operation sent as it closes.
      lazy: false,
      onNonLazyError: () => undefined,
    });
  }

  /** Runs `query` and resolves with the refusal, or with the results once complete (or the first one of a subscription). */
  run(query: string, variables: Record<string, unknown> = {}, timeoutMs = 10_000): Promise<SocketAnswer> {
    return new Promise((resolve, reject) => {
      const answer: SocketAnswer = { kind: 'results', errors: [], data: [] };
      const timer = setTimeout(() => reject(new Error(`no answer to ${query.slice(0, 80)} within ${timeoutMs} ms`)), timeoutMs);
      const done = (result: SocketAnswer) => {
        clearTimeout(timer);
        stop();
        resolve(result);
      };
      const stop = this.client.subscribe<unknown>(
        { query, variables },
        {
          next: (result) => {
            answer.errors.push(...((result.errors ?? []) as SocketAnswer['errors']));
            if (result.data !== undefined) answer.data.push(result.data);
            if (result.data) done(answer);
          },
          error: (error) => done({ kind: 'refused', errors: Array.isArray(error) ? error : [{ message: String(error) }], data: [] }),
          complete: () => done(answer),
        },
      );
    });
  }

  dispose(): Promise<void> {
    return Promise.resolve(this.client.dispose());
  }
}

/** The codes of an answer's errors. */
export const socketCodes = (answer: SocketAnswer): (string | undefined)[] => answer.errors.map((error) => error.extensions?.code);
