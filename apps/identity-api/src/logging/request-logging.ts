import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import { stdTimeFunctions } from 'pino';
import { LogLevel } from '@identity/config';
import { correlationIdFrom } from '../auth/request-meta';
import { graphqlOutcomeOf } from './graphql-outcome';

type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * The level of a request's one log line. Answers a client can act on (a wrong password, a limit, bad
 * input) are info; a dependency that is down (UNAVAILABLE, 503) is warn; a fault of ours (5xx other
 * than 503, INTERNAL_SERVER_ERROR, a thrown error) is error. Health probes that pass are debug.
 */
export function requestLevel(outcome: { path: string; status: number; codes: readonly string[]; failed: boolean }): Level {
  const { status, codes } = outcome;
  if (outcome.failed || (status >= 500 && status !== 503) || codes.includes('INTERNAL_SERVER_ERROR')) return 'error';
  if (status === 503 || codes.includes('UNAVAILABLE')) return 'warn';
  if (outcome.path === '/health' && status < 400) return 'debug';
  return 'info';
}

/** The path without its query string: a GraphQL GET carries variables there, and they may hold a password. */
export function pathOf(url: string | undefined): string {
  return (url ?? '/').split('?')[0] ?? '/';
}

/** Express rewrites `url` inside a mounted middleware; the log names what the client asked for. */
function originalUrl(req: IncomingMessage): string | undefined {
  return (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url;
}

/**
 * pino-http, as every request is logged: one JSON line when the answer is sent, carrying the
 * correlation id (the caller's X-Correlation-Id when it is a plain token, echoed in the answer, and
 * recorded in the events the request appends), the GraphQL operation and the codes it answered. No
 * header and no body is logged: they carry tokens, keys, passwords and codes.
 */
export function requestLoggingOptions(level: LogLevel): Options {
  const levelOf = (req: IncomingMessage, res: ServerResponse, error: Error | undefined): Level =>
    requestLevel({
      path: pathOf(originalUrl(req)),
      status: res.statusCode,
      codes: graphqlOutcomeOf(req)?.codes ?? [],
      failed: error !== undefined,
    });
  return {
    level,
    timestamp: stdTimeFunctions.isoTime,
    genReqId: (req, res) => {
      const id = correlationIdFrom(req.headers);
      res.setHeader('x-correlation-id', id);
      return id;
    },
    customAttributeKeys: { responseTime: 'ms' },
    customLogLevel: levelOf,
    customSuccessMessage: (req, res) => `${req.method} ${pathOf(originalUrl(req))} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(originalUrl(req))} ${res.statusCode} failed`,
    // Called when the request starts (no outcome yet: the line's correlation id) and again when it ends.
    customProps: (req) => {
      const outcome = graphqlOutcomeOf(req);
      return outcome ? { graphql: outcome } : { correlationId: req.id };
    },
    serializers: {
      req: (req: { method?: string; raw?: IncomingMessage }) => ({ method: req.method, path: pathOf(req.raw && originalUrl(req.raw)) }),
      res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
    },
  };
}
