import { IntegrationEvent } from '@identity/domain';
import { IntegrationEventStream, IntegrationStreamOptions } from '../../integration/integration-event-stream';
import { WebhookConfig } from '@identity/config';
import { RegisteredWebhook } from '../webhook-registry';
import { WebhookDeliveryStore } from './webhook-delivery.store';
import { DeliveryOutcome, SendOptions } from './webhook-http-sender';
import { retryDelayMs } from './webhook-retry-policy';
import { standardWebhookHeaders } from './webhook-signature';

export const WEBHOOK_USER_AGENT = 'identity-service-webhooks/1';

export interface WorkerDependencies {
  open(options: IntegrationStreamOptions): IntegrationEventStream;
  deliveries: WebhookDeliveryStore;
  /** The webhook as the registry knows it now (secrets rotate, status changes). */
  webhook(): RegisteredWebhook | undefined;
  signingSecrets(webhook: RegisteredWebhook, now: Date): string[];
  send(url: string, headers: Record<string, string>, body: string, options: SendOptions): Promise<DeliveryOutcome>;
  settings: WebhookConfig;
  now(): Date;
  /** Records `WebhookMarkedFailing`; delivery stays paused until the webhook is resumed. */
  markFailing(failures: number, lastError: string): Promise<void>;
  logger: { warn(message: string): void; error(message: string): void };
}

type Result = 'delivered' | 'stopped';

/**
 * Delivers one webhook's events in order, one at a time: from its checkpoint (or from its creation),
 * each event POSTed until acknowledged, with backoff between attempts; the checkpoint is saved once
 * all events of a domain event are acknowledged. After `maxFailures` failures in a row, or an answer
 * not worth retrying (4xx, 3xx, 410, a forbidden address), the webhook is marked failing and the
 * worker ends; the event is delivered again when the webhook is resumed. Nothing is skipped.
 */
export class WebhookDeliveryWorker {
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private stream: IntegrationEventStream | null = null;
  private readonly abort = new AbortController();
  private wake: (() => void) | null = null;

  constructor(
    readonly webhookId: string,
    private readonly deps: WorkerDependencies,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    this.wake?.();
    await this.stream?.return();
    await this.loop;
  }

  private async run(): Promise<void> {
    let pause = 100;
    while (this.running) {
      try {
        await this.deliverFromCheckpoint();
        return;
      } catch (error) {
        if (!this.running) return;
        this.deps.logger.error(
          `webhook ${this.webhookId}: delivery stopped by ${(error as Error)?.name ?? 'an error'}; again from the checkpoint in ${pause} ms`,
        );
        await this.sleep(pause);
        pause = Math.min(pause * 2, this.deps.settings.retryMaxMs);
      }
    }
  }

  private async deliverFromCheckpoint(): Promise<void> {
    const webhook = this.deps.webhook();
    if (!webhook || webhook.status !== 'ACTIVE') return;
    const { deliveries } = this.deps;
    // Active again after failing (resumed): a fresh count, the stuck event at once.
    if ((await deliveries.load(this.webhookId))?.state === 'FAILING') await deliveries.resumed(this.webhookId);
    const row = await deliveries.load(this.webhookId);
    if (row?.nextRetryAt)
      await this.sleep(Math.min(Date.parse(row.nextRetryAt) - this.deps.now().getTime(), this.deps.settings.retryMaxMs));
    let failures = row?.failures ?? 0;
    const types = new Set<string>(webhook.eventTypes);
    this.stream = this.deps.open({
      after: row?.lastDeliveredPosition ?? webhook.createdPosition,
      accept: (event) => types.has(event.type),
    });
    for await (const batch of this.stream) {
      for (const event of batch.events) {
        if ((await this.deliver(event, failures)) === 'stopped') return;
        failures = 0;
      }
      await deliveries.delivered(this.webhookId, batch.position, batch.events.length);
    }
  }

  private async deliver(event: IntegrationEvent, failuresSoFar: number): Promise<Result> {
    const { settings, deliveries } = this.deps;
    const body = JSON.stringify(event);
    let failures = failuresSoFar;
    while (this.running) {
      const webhook = this.deps.webhook();
      if (!webhook || webhook.status !== 'ACTIVE') return 'stopped';
      const now = this.deps.now();
      const headers = {
        'content-type': 'application/cloudevents+json; charset=utf-8',
        'user-agent': WEBHOOK_USER_AGENT,
        ...standardWebhookHeaders(this.deps.signingSecrets(webhook, now), event.id, now, body),
      };
      const outcome = await this.deps.send(webhook.url ?? '', headers, body, {
        timeoutMs: settings.timeoutMs,
        allowPrivateNetworks: settings.allowPrivateNetworks,
        signal: this.abort.signal,
      });
      if (outcome.ok) return 'delivered';
      if (!this.running) return 'stopped';
      failures += 1;
      if (!outcome.retryable || failures >= settings.maxFailures) {
        await deliveries.failed(this.webhookId, failures, outcome.reason, null);
        this.deps.logger.warn(`webhook ${this.webhookId}: ${outcome.reason}; marked failing after ${failures} failure(s)`);
        await this.deps.markFailing(failures, outcome.reason);
        return 'stopped';
      }
      const delay = retryDelayMs(failures, settings, outcome.retryAfterMs);
      await deliveries.failed(this.webhookId, failures, outcome.reason, new Date(now.getTime() + delay));
      this.deps.logger.warn(`webhook ${this.webhookId}: ${outcome.reason}; attempt ${failures + 1} in ${delay} ms`);
      await this.sleep(delay);
    }
    return 'stopped';
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0 || !this.running) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).finally(() => {
      this.wake = null;
    });
  }
}
