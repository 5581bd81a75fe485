import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger as Pino, pino, stdTimeFunctions } from 'pino';
import { Store, storage } from 'nestjs-pino/storage';
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

/** The service's JSON logger (pino): ISO times, one object a line on standard output. */
export function jsonLogger(level: LogLevel): Pino {
  return pino({ level, timestamp: stdTimeFunctions.isoTime });
}

type LoggedRequest = IncomingMessage & { id?: string; log?: Pino; originalUrl?: string };

/**
 * Every request is logged by this hook (main.ts makes it the HTTP adapter's first `onRequest` hook):
 * one JSON line when the answer is sent or the connection closes, carrying the correlation id (the
 * caller's X-Correlation-Id when it is a plain token, echoed in the answer, and recorded in the events
 * the request appends), the GraphQL operation and the codes it answered. `req.log`, a child logger
 * that carries the correlation id, is bound as nestjs-pino's request logger for the rest of the
 * request (what its `useExisting` middleware did), so that every line Nest writes during the request
 * carries the id. No header and no body is logged: they carry tokens, keys, passwords and codes.
 * One child logger and one line a request: pino-http made three child loggers and two serialisers
 * run per request (docs/benchmarks.md).
 */
export function requestLogging(logger: Pino): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (request, res, next) => {
    const req = request as LoggedRequest;
    const id = correlationIdFrom(req.headers);
    res.setHeader('x-correlation-id', id);
    req.id = id;
    const log = logger.child({ correlationId: id });
    req.log = log;
    const started = Date.now();
    // The log names what the client asked for, before anything rewrites `url`.
    const path = pathOf(req.originalUrl ?? req.url);
    const done = (error?: Error) => {
      res.off('finish', done).off('close', done).off('error', done);
      const status = res.statusCode;
      const graphql = graphqlOutcomeOf(req);
      const failed = error instanceof Error;
      const level = requestLevel({ path, status, codes: graphql?.codes ?? [], failed });
      if (!log.isLevelEnabled(level)) return;
      const line = {
        req: { method: req.method, path },
        res: { status },
        ms: Date.now() - started,
        graphql,
        err: failed ? error : undefined,
      };
      log[level](line, `${req.method} ${path} ${status}${failed || status >= 500 ? ' failed' : ''}`);
    };
    res.on('finish', done).on('close', done).on('error', done);
    storage.run(new Store(log), next);
  };
}
