import { INTEGRATION_EVENT_TYPES } from '../events/integration-event.types';
import { EventRegistry, registryDecoder, typesOf } from '../events/event-spec';
import { WebhookEvent } from './webhook.events';

/** The signing secrets are never shown; the rest of a webhook's registration is. */
export const WEBHOOK_EVENT_REGISTRY = {
  WebhookCreated: {
    decode: (r) => ({
      webhookId: r.string('webhookId'),
      ownerKeyId: r.string('ownerKeyId'),
      url: r.string('url'),
      eventTypes: r.oneOfArray('eventTypes', INTEGRATION_EVENT_TYPES),
      secret: r.string('secret'),
      at: r.instant('at'),
    }),
    auditFields: ['webhookId', 'ownerKeyId', 'url', 'eventTypes', 'at'],
    lockout: 'NONE',
    integration: null,
  },
  WebhookSecretRotated: {
    decode: (r) => ({
      webhookId: r.string('webhookId'),
      secret: r.string('secret'),
      previousSecretValidUntil: r.instant('previousSecretValidUntil'),
      at: r.instant('at'),
    }),
    auditFields: ['webhookId', 'previousSecretValidUntil', 'at'],
    lockout: 'NONE',
    integration: null,
  },
  WebhookDeleted: {
    decode: (r) => ({ webhookId: r.string('webhookId'), at: r.instant('at') }),
    auditFields: ['webhookId', 'at'],
    lockout: 'NONE',
    integration: null,
  },
  WebhookMarkedFailing: {
    decode: (r) => ({
      webhookId: r.string('webhookId'),
      consecutiveFailures: r.integer('consecutiveFailures'),
      lastError: r.string('lastError'),
      at: r.instant('at'),
    }),
    auditFields: ['webhookId', 'consecutiveFailures', 'lastError', 'at'],
    lockout: 'NONE',
    integration: null,
  },
  WebhookResumed: {
    decode: (r) => ({ webhookId: r.string('webhookId'), at: r.instant('at') }),
    auditFields: ['webhookId', 'at'],
    lockout: 'NONE',
    integration: null,
  },
} as const satisfies EventRegistry<WebhookEvent>;

export const WEBHOOK_EVENT_TYPES: readonly WebhookEvent['type'][] = typesOf<WebhookEvent>(WEBHOOK_EVENT_REGISTRY);
export const decodeWebhookEvent = registryDecoder<WebhookEvent>(WEBHOOK_EVENT_REGISTRY);
