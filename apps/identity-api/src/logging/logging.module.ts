import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@identity/config';
import { jsonLogger } from './request-logging';

/** The JSON logger that the request-logging middleware's per-request loggers derive from (main.ts). */
export const JSON_LOGGER = Symbol('JSON_LOGGER');

/**
 * Structured JSON logs (pino) for the whole service: Nest's Logger writes through it too (main.ts).
 * Requests are logged by `requestLogging` (request-logging.ts), which main.ts mounts before every
 * other middleware; nestjs-pino only binds each request's logger (`useExisting`) so that the lines
 * Nest writes during a request carry its correlation id.
 */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    const logger = jsonLogger(config.logLevel);
    return {
      module: LoggingModule,
      global: true,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true })],
      providers: [{ provide: JSON_LOGGER, useValue: logger }],
      exports: [JSON_LOGGER],
    };
  }
}
