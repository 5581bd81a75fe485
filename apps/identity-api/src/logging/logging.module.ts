import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@identity/config';
import { requestLoggingOptions } from './request-logging';

/** Structured JSON logs (pino) for the whole service: Nest's Logger writes through it too (main.ts). */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: LoggingModule, imports: [LoggerModule.forRoot({ pinoHttp: requestLoggingOptions(config.logLevel) })] };
  }
}
