import { HttpException } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { HTTP_BODY_LIMIT_BYTES, readJsonBodies } from './json-bodies';

type ErrorHandler = Parameters<FastifyAdapter['setErrorHandler']>[0];

/** Fastify's refusals of a body, in the words the service answered them with on Express. */
const REFUSED_BODY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request entity too large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request size did not match content length',
};

/**
 * The HTTP server: Fastify, at the behaviour the service had on Express. Paths match case-insensitively
 * and with or without a trailing slash; bodies are read as `json-bodies.ts` says; a refused body is
 * answered `{ statusCode, message }` with Express's message (a 413 is "request entity too large"), as an
 * HttpException, so that a client's mistake is not logged as an error with its stack, and
 * `/graphql` answers another method than GET, POST or OPTIONS 405, as Apollo did.
 * Fastify sends no ETag and no X-Powered-By.
 */
export class ServiceHttpAdapter extends FastifyAdapter {
  constructor() {
    // No middie: the service mounts no middleware (logging/logging.module.ts), so no request passes through it.
    super({
      bodyLimit: HTTP_BODY_LIMIT_BYTES,
      routerOptions: { caseSensitive: false, ignoreTrailingSlash: true },
      skipMiddie: true,
    });
    readJsonBodies(this.getInstance());
    // Apollo's answer on Express to a method it does not serve; Nest's Fastify route takes GET, POST and OPTIONS only.
    this.getInstance().route({
      url: '/graphql',
      method: ['PUT', 'PATCH', 'DELETE'],
      handler: (_request, reply) =>
        reply
          .code(405)
          .header('allow', 'GET, POST')
          .type('application/json; charset=utf-8')
          .send(
            `${JSON.stringify({ errors: [{ message: 'Apollo Server supports only GET/POST requests.', extensions: { code: 'BAD_REQUEST' } }] })}\n`,
          ),
    });
  }

  override setErrorHandler(handler: ErrorHandler): ReturnType<FastifyAdapter['setErrorHandler']> {
    return super.setErrorHandler(function (this: unknown, error, request, reply) {
      const message = REFUSED_BODY_MESSAGES[(error as { code?: string }).code ?? ''];
      const answered = message ? new HttpException(message, (error as { statusCode: number }).statusCode) : error;
      return handler.call(this as never, answered, request, reply);
    });
  }
}
