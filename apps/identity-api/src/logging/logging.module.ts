import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@identity/config';
import { jsonLogger } from './request-logging';

/** The JSON logger that the request-logging hook's per-request loggers derive from (main.ts). */
export const JSON_LOGGER = Symbol('JSON_LOGGER');

/**
 * Structured JSON logs (pino) for the whole service: Nest's Logger writes through it too (main.ts).
 * Requests are logged by `requestLogging` (request-logging.ts), the HTTP adapter's first hook, which
 * also binds each request's logger as nestjs-pino's, so that the lines Nest writes during a request
 * carry its correlation id; nestjs-pino's own binding middleware is mounted on no route (`forRoutes:
 * []`), and the service has no other middleware (http/service-http-adapter.ts starts Fastify without middie).
 */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    const logger = jsonLogger(config.logLevel);
    return {
      module: LoggingModule,
      global: true,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true, forRoutes: [] })],
      providers: [{ provide: JSON_LOGGER, useValue: logger }],
      exports: [JSON_LOGGER],
    };
  }
}
