import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AllSubscription, EVENT_STORE, EventStore } from '@identity/event-store';
import { APP_CONFIG, AppConfig } from '@identity/config';
import { CLOCK, Clock } from '../../infrastructure/clock';
import { IntegrationEventFeed } from '../../integration/integration-event-feed';
import { READ_MODEL_DB, ReadModelDb } from '@identity/read-models';
import { WebhookCommandRunner } from '../webhook-command-runner';
import { RegisteredWebhook, WEBHOOK_STREAM_PREFIXES, WebhookRegistry } from '../webhook-registry';
import { WebhookSecrets } from '../webhook-secrets';
import { DeliveryRow, WebhookDeliveryStore } from './webhook-delivery.store';
import { postWebhook } from './webhook-http-sender';
import { WebhookDeliveryWorker } from './webhook-delivery.worker';

/**
 * Runs one delivery worker per active webhook, in this process, from bootstrap to shutdown. It
 * follows the webhook streams (read once, then subscribed) and starts or stops workers as webhooks
 * are created, marked failing, resumed or deleted. Checkpoints live in `webhook_deliveries_v1`.
 */
@Injectable()
export class WebhookDeliveryService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly deliveries: WebhookDeliveryStore;
  private readonly workers = new Map<string, WebhookDeliveryWorker>();
  private registry: WebhookRegistry | null = null;
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private subscription: AllSubscription | null = null;
  private wake: (() => void) | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly feed: IntegrationEventFeed,
    private readonly secrets: WebhookSecrets,
    private readonly commands: WebhookCommandRunner,
    @Inject(READ_MODEL_DB) db: ReadModelDb,
  ) {
    this.deliveries = new WebhookDeliveryStore(db, () => clock.now());
  }

  /** The delivery table exists before the first request; a database down now is retried by `follow`. */
  async onApplicationBootstrap(): Promise<void> {
    await this.deliveries.setUp().catch((error: Error) => this.logger.error(`webhook delivery table not set up yet (${error.name})`));
    this.running = true;
    this.loop = this.follow();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.subscription?.close();
    await this.loop;
    await Promise.all([...this.workers.values()].map((worker) => worker.stop()));
    this.workers.clear();
  }

  /** Each webhook's delivery state, for the `webhooks` query. */
  deliveryStates(): Promise<Map<string, DeliveryRow>> {
    return this.deliveries.all();
  }

  /** One webhook's delivery state, for the payload of a webhook mutation. */
  deliveryState(webhookId: string): Promise<DeliveryRow | null> {
    return this.deliveries.load(webhookId);
  }

  /** After `resumeWebhook`, so the list shows the fresh count at once. */
  async resumed(webhookId: string): Promise<void> {
    await this.deliveries.resumed(webhookId);
  }

  private async follow(): Promise<void> {
    let pause = 100;
    while (this.running) {
      try {
        if (!this.registry) {
          await this.deliveries.setUp();
          this.registry = await WebhookRegistry.read(this.store);
          for (const id of this.registry.ids()) await this.reconcile(id);
        }
        this.subscription = this.store.subscribeToAll({ after: this.registry.position, streamPrefixes: WEBHOOK_STREAM_PREFIXES });
        for await (const event of this.subscription) {
          const changed = this.registry.apply(event);
          if (changed) await this.reconcile(changed);
          pause = 100;
        }
        if (this.running) this.logger.warn(`following the webhook registry: subscription ended; resubscribing in ${pause} ms`);
      } catch (error) {
        if (this.running) this.logger.error(`following the webhook registry failed (${(error as Error)?.name}); again in ${pause} ms`);
      }
      if (!this.running) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pause);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      pause = Math.min(pause * 2, 5000);
    }
  }

  private async reconcile(webhookId: string): Promise<void> {
    if (!this.running) return;
    const webhook = this.registry?.get(webhookId);
    const worker = this.workers.get(webhookId);
    if (webhook?.status === 'ACTIVE' && !worker) {
      const started = this.workerFor(webhookId);
      this.workers.set(webhookId, started);
      started.start();
    } else if (webhook?.status !== 'ACTIVE' && worker) {
      this.workers.delete(webhookId);
      void worker.stop();
    }
    if (webhook?.status === 'DELETED') {
      // A row left behind (database briefly down) is harmless: no worker reads it, the list skips deleted webhooks.
      await this.deliveries
        .remove(webhookId)
        .catch((error: Error) => this.logger.warn(`webhook ${webhookId}: delivery row not removed (${error.name})`));
    }
  }

  private workerFor(webhookId: string): WebhookDeliveryWorker {
    return new WebhookDeliveryWorker(webhookId, {
      open: (options) => this.feed.open(options),
      deliveries: this.deliveries,
      webhook: () => this.registry?.get(webhookId),
      signingSecrets: (webhook: RegisteredWebhook, now) => this.secrets.signingSecrets(webhook, now),
      send: postWebhook,
      settings: this.config.webhooks,
      now: () => this.clock.now(),
      markFailing: async (consecutiveFailures, lastError) => {
        await this.commands.run(webhookId, null, (_state, now) => ({ type: 'MarkWebhookFailing', consecutiveFailures, lastError, now }));
      },
      logger: this.logger,
    });
  }
}
