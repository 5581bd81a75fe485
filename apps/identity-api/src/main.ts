import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as JsonLogger } from 'nestjs-pino';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { KeyCheckError } from '@identity/security';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from '@identity/config';
import { ExpectedFailureFilter } from './graphql/expected-failure.filter';
import { inputValidationPipe } from './graphql/input-validation.pipe';
import { limitWebSocketPayload } from './integration/websocket-payload-limit';
import './graphql/graphql-enums';
import { checkKeysBeforeStart } from './infrastructure/security-services';
import { IntegrityAlarms } from './infrastructure/integrity-alarms';
import { JSON_LOGGER } from './logging/logging.module';
import { requestLogging } from './logging/request-logging';
import { ServiceHttpAdapter } from './http/service-http-adapter';

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
  // Fastify, with Express's answers to refused bodies and no ETag or X-Powered-By (http/service-http-adapter.ts).
  const adapter = new ServiceHttpAdapter();
  // Buffered until the JSON logger takes over, so that every line Nest writes is JSON too.
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, (line) => logger.warn(line)),
    adapter,
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(JsonLogger));
  // The adapter's first hook, so that every answer is logged, a body refused by the parser included (logging/request-logging.ts).
  const logRequest = requestLogging(app.get(JSON_LOGGER));
  adapter.setOnRequestHook((request, reply, done) => logRequest(request.raw, reply.raw, done));
  if (!config.smsWebhookUrl || !config.smtpUrl) {
    logger.warn('development delivery is active for SMS and/or email: verification codes are written to this log');
  }
  app.useGlobalPipes(inputValidationPipe());
  const alarms = app.get(IntegrityAlarms);
  app.useGlobalFilters(new ExpectedFailureFilter((damage) => alarms.record(damage)));
  // No global interceptor: each mutation has its own (graphql/acknowledged-mutation.decorator.ts).
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
