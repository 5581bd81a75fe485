import { INTEGRATION_EVENT_TYPES, IntegrationEventType, isIntegrationEventType } from '../events/integration-event.types';
import { DomainError, invalidRequest } from '../shared/domain-error';
import { addSeconds } from '../shared/time';
import { decodeWebhookEvent } from './webhook.registry';
import { WebhookCommand, WebhookEvent, WebhookManager, WebhookState } from './webhook.events';

export const WEBHOOK_URL_MAX_LENGTH = 2000;
export const MAX_PREVIOUS_SECRET_SECONDS = 7 * 24 * 3600;

const notFound = () => new DomainError('WEBHOOK_NOT_FOUND', 'webhookId: no such webhook', 'webhookId');

export const initialWebhookState = (): WebhookState => ({
  status: 'NONE',
  webhookId: null,
  ownerKeyId: null,
  url: null,
  eventTypes: [],
  secret: null,
  previousSecret: null,
  previousSecretValidUntil: null,
  createdAt: null,
  failing: null,
});

export function evolveWebhook(state: WebhookState, event: WebhookEvent): WebhookState {
  switch (event.type) {
    case 'WebhookCreated': {
      const { webhookId, ownerKeyId, url, eventTypes, secret, at } = event.data;
      return { ...initialWebhookState(), status: 'ACTIVE', webhookId, ownerKeyId, url, eventTypes: [...eventTypes], secret, createdAt: at };
    }
    case 'WebhookSecretRotated':
      return {
        ...state,
        secret: event.data.secret,
        previousSecret: state.secret,
        previousSecretValidUntil: event.data.previousSecretValidUntil,
      };
    case 'WebhookDeleted':
      return { ...state, status: 'DELETED', failing: null };
    case 'WebhookMarkedFailing':
      return {
        ...state,
        status: 'FAILING',
        failing: { consecutiveFailures: event.data.consecutiveFailures, lastError: event.data.lastError, since: event.data.at },
      };
    case 'WebhookResumed':
      return { ...state, status: 'ACTIVE', failing: null };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** The URL rules that need no network: http(s), no credentials in it, a host, not too long. */
export function checkWebhookUrl(url: string): string {
  if (url.length > WEBHOOK_URL_MAX_LENGTH) throw invalidRequest('url', `at most ${WEBHOOK_URL_MAX_LENGTH} characters`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalidRequest('url', 'not a valid absolute URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalidRequest('url', 'must be http or https');
  if (parsed.username || parsed.password) throw invalidRequest('url', 'must not contain a user name or password');
  if (!parsed.hostname) throw invalidRequest('url', 'must name a host');
  if (parsed.hash) throw invalidRequest('url', 'must not contain a fragment');
  return parsed.toString();
}

function checkEventTypes(types: string[]): IntegrationEventType[] {
  const unique = [...new Set(types)];
  if (unique.length === 0) throw invalidRequest('eventTypes', 'choose at least one event type');
  const unknown = unique.find((type) => !isIntegrationEventType(type));
  if (unknown !== undefined) {
    throw invalidRequest(
      'eventTypes',
      `unknown type ${JSON.stringify(unknown.slice(0, 60))}; one of ${INTEGRATION_EVENT_TYPES.join(', ')}`,
    );
  }
  return unique as IntegrationEventType[];
}

/** An integrator sees only its own webhooks; any other is "no such webhook", so nothing leaks. */
export function mayManageWebhook(state: WebhookState, by: WebhookManager): boolean {
  if (state.status === 'NONE' || state.status === 'DELETED') return false;
  return by.role === 'admin' || state.ownerKeyId === by.keyId;
}

export function decideWebhook(command: WebhookCommand, state: WebhookState): WebhookEvent[] {
  if (command.type === 'CreateWebhook') {
    if (state.status !== 'NONE') throw new DomainError('WEBHOOK_EXISTS', 'webhookId: in use', 'webhookId');
    return [
      {
        type: 'WebhookCreated',
        data: {
          webhookId: command.webhookId,
          ownerKeyId: command.by.keyId,
          url: checkWebhookUrl(command.url),
          eventTypes: checkEventTypes(command.eventTypes),
          secret: command.secret,
          at: command.now,
        },
      },
    ];
  }
  const webhookId = state.webhookId ?? '';
  if (command.type === 'MarkWebhookFailing') {
    if (state.status !== 'ACTIVE') return [];
    const { consecutiveFailures, lastError, now } = command;
    return [{ type: 'WebhookMarkedFailing', data: { webhookId, consecutiveFailures, lastError: lastError.slice(0, 200), at: now } }];
  }
  if (!mayManageWebhook(state, command.by)) throw notFound();
  switch (command.type) {
    case 'RotateWebhookSecret': {
      const seconds = command.previousSecretValidForSeconds;
      if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_PREVIOUS_SECRET_SECONDS) {
        throw invalidRequest('previousSecretValidForSeconds', `a whole number from 0 to ${MAX_PREVIOUS_SECRET_SECONDS}`);
      }
      return [
        {
          type: 'WebhookSecretRotated',
          data: { webhookId, secret: command.secret, previousSecretValidUntil: addSeconds(command.now, seconds), at: command.now },
        },
      ];
    }
    case 'DeleteWebhook':
      return [{ type: 'WebhookDeleted', data: { webhookId, at: command.now } }];
    case 'ResumeWebhook':
      return state.status === 'FAILING' ? [{ type: 'WebhookResumed', data: { webhookId, at: command.now } }] : [];
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

export const webhookDecider = {
  initialState: initialWebhookState,
  evolve: evolveWebhook,
  decide: decideWebhook,
  decode: decodeWebhookEvent,
};
