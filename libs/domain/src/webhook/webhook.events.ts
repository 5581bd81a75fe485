import { IntegrationEventType } from '../events/integration-event.types';
import { Encrypted, Instant } from '../shared/types';

/**
 * The webhook registry's events, in `webhook-<webhookId>`. The signing secret is only ever stored
 * encrypted (under a key of the webhook's own, shredded when the webhook is deleted).
 */
type Event<T extends string, D> = { type: T; data: D };

export type WebhookCreated = Event<
  'WebhookCreated',
  {
    webhookId: string;
    /** The API key that created it: an integrator manages only the webhooks of its own key. */
    ownerKeyId: string;
    url: string;
    eventTypes: IntegrationEventType[];
    secret: Encrypted;
    at: Instant;
  }
>;
/** The previous secret still signs (a second signature) until `previousSecretValidUntil`. */
export type WebhookSecretRotated = Event<
  'WebhookSecretRotated',
  {
    webhookId: string;
    secret: Encrypted;
    previousSecretValidUntil: Instant;
    at: Instant;
  }
>;
export type WebhookDeleted = Event<'WebhookDeleted', { webhookId: string; at: Instant }>;
/** Delivery stopped after failures; `lastError` is a short description such as `HTTP 500` or `timeout`. */
export type WebhookMarkedFailing = Event<
  'WebhookMarkedFailing',
  {
    webhookId: string;
    consecutiveFailures: number;
    lastError: string;
    at: Instant;
  }
>;
export type WebhookResumed = Event<'WebhookResumed', { webhookId: string; at: Instant }>;

export type WebhookEvent = WebhookCreated | WebhookSecretRotated | WebhookDeleted | WebhookMarkedFailing | WebhookResumed;
export type WebhookEventType = WebhookEvent['type'];

/** Who manages a webhook: an integrator its own, an admin any. */
export interface WebhookManager {
  keyId: string;
  role: 'integrator' | 'admin';
}

export interface CreateWebhook {
  type: 'CreateWebhook';
  webhookId: string;
  by: WebhookManager;
  url: string;
  eventTypes: string[];
  secret: Encrypted;
  now: Instant;
}
export interface RotateWebhookSecret {
  type: 'RotateWebhookSecret';
  by: WebhookManager;
  secret: Encrypted;
  previousSecretValidForSeconds: number;
  now: Instant;
}
export interface DeleteWebhook {
  type: 'DeleteWebhook';
  by: WebhookManager;
  now: Instant;
}
export interface ResumeWebhook {
  type: 'ResumeWebhook';
  by: WebhookManager;
  now: Instant;
}
/** From the delivery worker, not from a person or key. */
export interface MarkWebhookFailing {
  type: 'MarkWebhookFailing';
  consecutiveFailures: number;
  lastError: string;
  now: Instant;
}

export type WebhookCommand = CreateWebhook | RotateWebhookSecret | DeleteWebhook | ResumeWebhook | MarkWebhookFailing;

export type WebhookStatus = 'NONE' | 'ACTIVE' | 'FAILING' | 'DELETED';

export interface WebhookState {
  status: WebhookStatus;
  webhookId: string | null;
  ownerKeyId: string | null;
  url: string | null;
  eventTypes: IntegrationEventType[];
  secret: Encrypted | null;
  previousSecret: Encrypted | null;
  previousSecretValidUntil: Instant | null;
  createdAt: Instant | null;
  failing: { consecutiveFailures: number; lastError: string; since: Instant } | null;
}
