import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AuditSigningKey, EVENT_STORE, EventStore, StreamHeadsTracker, writeAuditDigest } from '@identity/event-store';
import { APP_CONFIG, AppConfig } from '@identity/config';
import { Clock, CLOCK } from '../infrastructure/clock';
import { loadAuditSigningKey } from '@identity/audit';

/**
 * Writes a signed digest of every stream's head every AUDIT_DIGEST_INTERVAL_SECONDS, when something
 * was appended since the last digest (by this process or another). The heads are kept in a scratch
 * file (StreamHeadsTracker) and brought up to date by reading `$all` from where the previous run stopped.
 */
@Injectable()
export class AuditDigestService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditDigest');
  private readonly tracker = new StreamHeadsTracker();
  private key: AuditSigningKey | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.key = loadAuditSigningKey({
      envValue: this.config.audit.signingKey,
      dataDir: this.config.dataDir,
      warn: (m) => this.logger.warn(m),
      create: true,
    });
    this.timer = setInterval(() => void this.tick(), this.config.audit.digestIntervalSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    this.tracker.close();
  }

  /** One round: catch up, then digest if anything changed. Never overlaps itself. */
  tick(): Promise<void> {
    this.running ??= this.writeIfChanged().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async writeIfChanged(): Promise<void> {
    if (this.stopped || !this.key) return;
    try {
      await this.tracker.catchUp(this.store);
      if (this.stopped || !this.tracker.changedSinceLastDigest()) return;
      const written = await writeAuditDigest(this.store, this.tracker, this.key, 'audit-digest', () => this.clock.now());
      this.logger.log(`audit digest ${written.streamId}@${written.revision}: ${written.streamCount} streams`);
    } catch (error) {
      if (!this.stopped) this.logger.warn(`audit digest not written: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
