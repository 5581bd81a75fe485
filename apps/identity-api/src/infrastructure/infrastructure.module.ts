import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { CodeHasher, PasswordHasher, SecretBox, SessionTokens } from '@identity/security';
import { EVENT_STORE, EventStore } from '@identity/event-store';
import { APP_CONFIG, AppConfig } from '@identity/config';
import { allProjections } from '@identity/read-models';
import { PROJECTIONS } from '@identity/read-models';
import { openReadModelDatabase } from '@identity/read-models';
import { READ_MODEL_DB } from '@identity/read-models';
import { CLOCK, systemClock } from './clock';
import { createEventStore } from '@identity/config';
import { createSecurityServices, SecurityServices } from './security-services';

export const SECURITY_SERVICES = Symbol('SECURITY_SERVICES');

class InfrastructureShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SECURITY_SERVICES) private readonly security: SecurityServices,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.security.keyStore.close();
  }
}

/** Configuration, clock, event store, read-model database and the security tools, for the whole app. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: AppConfig): DynamicModule {
    const logger = new Logger('Security');
    // Created here, before Nest starts, so that a rejected connection string stops the start with its message.
    const eventStore = createEventStore(config);
    const fromSecurity = <K extends keyof SecurityServices>(token: unknown, key: K) => ({
      provide: token as symbol, useFactory: (s: SecurityServices) => s[key], inject: [SECURITY_SERVICES],
    });
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: systemClock },
        { provide: EVENT_STORE, useValue: eventStore },
        { provide: READ_MODEL_DB, useFactory: () => openReadModelDatabase(config) },
        { provide: PROJECTIONS, useFactory: allProjections },
        { provide: SECURITY_SERVICES, useFactory: () => createSecurityServices(config, (m) => logger.warn(m)) },
        fromSecurity(SecretBox, 'secretBox'),
        fromSecurity(PasswordHasher, 'passwordHasher'),
        fromSecurity(CodeHasher, 'codeHasher'),
        fromSecurity(SessionTokens, 'sessionTokens'),
        InfrastructureShutdown,
      ],
      exports: [APP_CONFIG, CLOCK, EVENT_STORE, READ_MODEL_DB, PROJECTIONS, SECURITY_SERVICES, SecretBox, PasswordHasher,
        CodeHasher, SessionTokens],
    };
  }
}
