import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as JsonLogger } from 'nestjs-pino';
import { NestExpressApplication } from '@nestjs/platform-express';
import { KeyCheckError } from '@identity/security';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from '@identity/config';
import { WriteAcknowledgedInterceptor } from './graphql/write-acknowledged.interceptor';
import { ExpectedFailureFilter } from './graphql/expected-failure.filter';
import { inputValidationPipe } from './graphql/input-validation.pipe';
import { limitWebSocketPayload } from './integration/websocket-payload-limit';
import './graphql/graphql-enums';
import { checkKeysBeforeStart } from './infrastructure/security-services';
import { IntegrityAlarms } from './infrastructure/integrity-alarms';
import { JSON_LOGGER } from './logging/logging.module';
import { requestLogging } from './logging/request-logging';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Identity');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`configuration error: ${error.message}`);
      process.exit(78);
    }
    throw error;
  }
  await checkKeysBeforeStart(config);
  // Buffered until the JSON logger takes over, so that every line Nest writes is JSON too.
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, (line) => logger.warn(line)),
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(JsonLogger));
  // First, so that every answer is logged, a body refused by the parser included (logging/request-logging.ts).
  app.use(requestLogging(app.get(JSON_LOGGER)));
  // GraphQL answers are not cached (no ETag: no SHA-1 of every answer) and need not name the framework.
  app.set('etag', false);
  app.disable('x-powered-by');
  if (!config.smsWebhookUrl || !config.smtpUrl) {
    logger.warn('development delivery is active for SMS and/or email: verification codes are written to this log');
  }
  app.useGlobalPipes(inputValidationPipe());
  const alarms = app.get(IntegrityAlarms);
  app.useGlobalFilters(new ExpectedFailureFilter((damage) => alarms.record(damage)));
  app.useGlobalInterceptors(new WriteAcknowledgedInterceptor());
  app.useBodyParser('json', { limit: '64kb' });
  app.enableShutdownHooks();
  await app.init();
  limitWebSocketPayload(app);
  await app.listen(config.port, config.host);
  logger.log(`GraphQL on http://${config.host}:${config.port}/graphql (event store: ${config.eventStore}, data: ${config.dataDir})`);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`configuration error: ${error.message}`);
    process.exit(78);
  }
  if (error instanceof KeyCheckError) {
    console.error(`key check failed: ${error.message}`);
    process.exit(78);
  }
  console.error(`start-up failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
