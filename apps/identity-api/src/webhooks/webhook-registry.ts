import {
  decodeWebhookEvent,
  evolveWebhook,
  initialWebhookState,
  STREAM_CATEGORIES,
  streamEntityId,
  WEBHOOK_EVENT_TYPES,
  WebhookState,
} from '@identity/domain';
import { EventStore, Position, RecordedEvent } from '@identity/event-store';

const WEBHOOK_STREAM_PREFIX = `${STREAM_CATEGORIES.webhook}-`;
export const WEBHOOK_STREAM_PREFIXES = [WEBHOOK_STREAM_PREFIX];

export interface RegisteredWebhook extends WebhookState {
  webhookId: string;
  /** Where the webhook came into being: deliveries start after it. */
  createdPosition: Position;
}

const KNOWN = new Set<string>(WEBHOOK_EVENT_TYPES);

/** Every webhook's state, folded from the `webhook-…` streams. */
export class WebhookRegistry {
  private readonly webhooks = new Map<string, RegisteredWebhook>();
  private last: Position | undefined;

  /** Applies one recorded event; returns the id of the webhook it changed (null when it is not one). */
  apply(recorded: RecordedEvent): string | null {
    this.last = recorded.position;
    if (!KNOWN.has(recorded.type) || !recorded.streamId.startsWith(WEBHOOK_STREAM_PREFIX)) return null;
    const webhookId = streamEntityId(recorded.streamId);
    const current = this.webhooks.get(webhookId);
    const event = decodeWebhookEvent(recorded.type, recorded.data);
    const next = evolveWebhook(current ?? initialWebhookState(), event);
    this.webhooks.set(webhookId, { ...next, webhookId, createdPosition: current?.createdPosition ?? recorded.position });
    return webhookId;
  }

  get(webhookId: string): RegisteredWebhook | undefined {
    return this.webhooks.get(webhookId);
  }

  /** Every webhook that exists (not deleted), oldest first. */
  list(): RegisteredWebhook[] {
    return [...this.webhooks.values()].filter((webhook) => webhook.status === 'ACTIVE' || webhook.status === 'FAILING');
  }

  ids(): string[] {
    return [...this.webhooks.keys()];
  }

  /** The position of the last event applied. */
  get position(): Position | undefined {
    return this.last;
  }

  static async read(store: EventStore): Promise<WebhookRegistry> {
    const registry = new WebhookRegistry();
    for await (const event of store.readAll({ streamPrefixes: WEBHOOK_STREAM_PREFIXES })) registry.apply(event);
    return registry;
  }
}
