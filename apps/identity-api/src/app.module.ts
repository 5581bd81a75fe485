import { DynamicModule, Module } from '@nestjs/common';
import { AccountModule } from './account/account.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AccountSecurityModule } from './account-security/account-security.module';
import { AuditHistoryModule } from './audit-history/audit-history.module';
import { AuditDigestModule } from './audit-digest/audit-digest.module';
import { AuthModule } from './auth/auth.module';
import { AppConfig } from '@identity/config';
import { DeliveryModule } from './delivery/delivery.module';
import { GraphqlSetupModule } from './graphql-server/graphql-setup.module';
import { HealthController } from './health/health.controller';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { IntegrationModule } from './integration/integration.module';
import { LoggingModule } from './logging/logging.module';
import { ProjectionsModule } from './projections/projections.module';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import { SessionsModule } from './sessions/sessions.module';
import { RamUsersModule } from './ram-users/ram-users.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, log: (line: string) => void): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot(config),
        InfrastructureModule.forRoot(config),
        DeliveryModule.forRoot({
          smsWebhookUrl: config.smsWebhookUrl ?? undefined,
          smtpUrl: config.smtpUrl ?? undefined,
          smtpFrom: config.smtpFrom ?? undefined,
          log,
        }),
        AuthModule,
        RateLimitsModule,
        GraphqlSetupModule,
        ProjectionsModule,
        AccountSecurityModule,
        AccountModule,
        SessionsModule,
        RamUsersModule,
        AuditHistoryModule,
        AuditDigestModule,
        IntegrationModule,
        WebhooksModule,
        ApiKeysModule,
      ],
      controllers: [HealthController],
    };
  }
}
