import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { CodeHasher, PasswordHasher, RecordSeal, RecoveryCodeHasher, SecretBox, SessionTokens } from '@identity/security';
import { EVENT_STORE, EventStore, SNAPSHOT_STORE, SnapshotStore } from '@identity/event-store';
import { APP_CONFIG, AppConfig, createEventStore } from '@identity/config';
import { allProjections, openReadModelDatabase, PROJECTIONS, READ_MODEL_DB } from '@identity/read-models';
import { CLOCK, systemClock } from './clock';
import { createSnapshotStore } from './create-snapshot-store';
import { createSecurityServices, SecurityServices } from './security-services';
import { IntegrityAlarms } from './integrity-alarms';
import { OwnWrites, recordingOwnWrites } from './own-writes';

export const SECURITY_SERVICES = Symbol('SECURITY_SERVICES');

class InfrastructureShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SNAPSHOT_STORE) private readonly snapshots: SnapshotStore,
    @Inject(SECURITY_SERVICES) private readonly security: SecurityServices,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.snapshots.close();
    this.security.keyStore.close();
  }
}

/** Configuration, clock, event store, read-model database and the security tools, for the whole app. */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: AppConfig): DynamicModule {
    const logger = new Logger('Security');
    const snapshotLogger = new Logger('Snapshots');
    // Created here, before Nest starts, so that a rejected connection string stops the start with its message.
    // Writes on a thread of their own: the commit's fsync does not hold up the requests (issue 12).
    const eventStore = createEventStore(config, { writerThread: true });
    const ownWrites = new OwnWrites();
    const fromSecurity = <K extends keyof SecurityServices>(token: unknown, key: K) => ({
      provide: token as symbol,
      useFactory: (s: SecurityServices) => s[key],
      inject: [SECURITY_SERVICES],
    });
    return {
      module: InfrastructureModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: systemClock },
        // Every acknowledged append is noted for read-your-writes (../projections/read-your-writes.ts).
        { provide: EVENT_STORE, useValue: recordingOwnWrites(eventStore, ownWrites) },
        { provide: OwnWrites, useValue: ownWrites },
        { provide: SNAPSHOT_STORE, useFactory: () => createSnapshotStore(config, (m, e) => snapshotLogger.warn(describe(m, e))) },
        { provide: READ_MODEL_DB, useFactory: () => openReadModelDatabase(config, { checkpointThread: true }) },
        { provide: PROJECTIONS, useFactory: allProjections },
        { provide: SECURITY_SERVICES, useFactory: () => createSecurityServices(config, (m) => logger.warn(m)) },
        fromSecurity(SecretBox, 'secretBox'),
        fromSecurity(PasswordHasher, 'passwordHasher'),
        fromSecurity(CodeHasher, 'codeHasher'),
        fromSecurity(RecoveryCodeHasher, 'recoveryCodeHasher'),
        fromSecurity(SessionTokens, 'sessionTokens'),
        fromSecurity(RecordSeal, 'answerSeal'),
        InfrastructureShutdown,
        IntegrityAlarms,
      ],
      exports: [
        APP_CONFIG,
        CLOCK,
        EVENT_STORE,
        SNAPSHOT_STORE,
        READ_MODEL_DB,
        PROJECTIONS,
        SECURITY_SERVICES,
        SecretBox,
        PasswordHasher,
        CodeHasher,
        RecoveryCodeHasher,
        SessionTokens,
        RecordSeal,
        IntegrityAlarms,
        OwnWrites,
      ],
    };
  }
}

/** The message and the error's own message: no stack trace in the log line. */
function describe(message: string, error: unknown): string {
  return error instanceof Error ? `${message}: ${error.message}` : message;
}
