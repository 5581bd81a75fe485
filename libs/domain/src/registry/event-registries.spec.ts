import { MAIN_OTHER_EVENT_SHAPES, storedData } from '@identity/testing';
import { apiKeyDecider } from '../api-key/api-key.decider';
import { loginAttemptDecider } from '../login-attempt/unknown-login-name.decider';
import { loginNameDecider } from '../login-name/login-name.decider';
import { STREAM_CATEGORIES } from '../shared/stream-names';
import { webhookDecider } from '../webhook/webhook.decider';
import { ALL_EVENT_TYPES, EVENT_REGISTRIES, eventSpecFor, registryOfStream } from './event-registries';
import { MalformedEventError } from '../events/malformed-event.error';
import { fieldReader } from '../events/field-reader';
import { redactEventData } from '../audit/redact-event-data';

const deciderOf: Record<string, { decode(type: string, data: Record<string, unknown>): unknown }> = {
  LoginNameClaimed: loginNameDecider,
  ApiKeyCreated: apiKeyDecider,
  UnknownLoginNameAttempted: loginAttemptDecider,
  WebhookCreated: webhookDecider,
  WebhookSecretRotated: webhookDecider,
  WebhookDeleted: webhookDecider,
  WebhookMarkedFailing: webhookDecider,
  WebhookResumed: webhookDecider,
};

describe('event registries', () => {
  it('has one registry per stream category this service writes', () =>
    expect(Object.keys(EVENT_REGISTRIES).sort()).toEqual([...Object.values(STREAM_CATEGORIES), 'auditdigest'].sort()));

  it('shows a signed audit digest whole, of either version: nothing in it is secret', () => {
    const digest = {
      algorithm: 'Ed25519',
      keyId: 'k',
      at: '2026-01-01T00:00:00.000Z',
      coversPosition: '59',
      streamCount: 1,
      heads: { 'account-acc-1': { revision: '3', hash: 'ab' } },
      signature: 'sig',
    };
    expect(redactEventData('AuditDigestSigned', digest)).toEqual(digest);
    expect(registryOfStream('auditdigest-2026-01-01')?.AuditDigestSigned?.decode(fieldReader('AuditDigestSigned', digest))).toEqual(digest);
    expect(() =>
      registryOfStream('auditdigest-2026-01-01')?.AuditDigestSigned?.decode(
        fieldReader('AuditDigestSigned', { ...digest, heads: { s: { revision: 3 } } }),
      ),
    ).toThrow(expect.objectContaining({ field: 'heads.s' }));
    const rooted = { ...digest, version: 2, headsRoot: 'c'.repeat(64), heads: undefined };
    delete rooted.heads;
    expect(redactEventData('AuditDigestSigned', rooted)).toEqual(rooted);
    expect(registryOfStream('auditdigest-2026-01-01')?.AuditDigestSigned?.decode(fieldReader('AuditDigestSigned', rooted))).toEqual(rooted);
  });

  it('names every event type in one category only', () => {
    const all = Object.values(EVENT_REGISTRIES).flatMap((registry) => Object.keys(registry));
    expect(new Set(all).size).toBe(all.length);
    expect([...ALL_EVENT_TYPES].sort()).toEqual([...all].sort());
  });

  /** Fields later versions added to these types, with the value a stored event without them folds to. */
  const UPCAST: Record<string, Record<string, unknown>> = { ApiKeyCreated: { expiresAt: null } };
  /** Upcast in more than defaults of absent fields: tested on their own below. */
  const UPCAST_SEPARATELY = ['UnknownLoginNameAttempted'];

  it.each(Object.entries(MAIN_OTHER_EVENT_SHAPES).filter(([type]) => !UPCAST_SEPARATELY.includes(type)))(
    'reads a stored %s as written (upcast), through its decider',
    (type, shape) => expect(deciderOf[type]?.decode(type, storedData(shape))).toEqual({ type, data: { ...shape, ...UPCAST[type] } }),
  );

  it('upcasts a stored UnknownLoginNameAttempted: no address and counts before per-address counting', () =>
    expect(loginAttemptDecider.decode('UnknownLoginNameAttempted', storedData(MAIN_OTHER_EVENT_SHAPES.UnknownLoginNameAttempted))).toEqual({
      type: 'UnknownLoginNameAttempted',
      data: {
        ...MAIN_OTHER_EVENT_SHAPES.UnknownLoginNameAttempted,
        addressKey: null,
        consecutiveFailures: null,
        windowStartedAt: null,
        windowFailures: null,
      },
    }));

  it('refuses malformed API-key and webhook events, naming the field', () => {
    expect(() => apiKeyDecider.decode('ApiKeyCreated', { ...storedData(MAIN_OTHER_EVENT_SHAPES.ApiKeyCreated), role: 'root' })).toThrow(
      expect.objectContaining({ eventType: 'ApiKeyCreated', field: 'role' }),
    );
    expect(() =>
      webhookDecider.decode('WebhookCreated', { ...storedData(MAIN_OTHER_EVENT_SHAPES.WebhookCreated), eventTypes: ['x'] }),
    ).toThrow(MalformedEventError);
    expect(() => apiKeyDecider.decode('WebhookCreated', storedData(MAIN_OTHER_EVENT_SHAPES.WebhookCreated))).toThrow(
      expect.objectContaining({ field: 'type' }),
    );
  });

  it('finds a registry by stream, and a spec by type', () => {
    expect(registryOfStream('webhook-wh-1')?.WebhookDeleted).toBeDefined();
    expect(registryOfStream('elsewhere-1')).toBeNull();
    expect(eventSpecFor('ApiKeyCreated')?.auditFields).not.toContain('secretHash');
    expect(eventSpecFor('SomethingNew')).toBeNull();
    expect(eventSpecFor('constructor')).toBeNull();
  });

  it('publishes no integration event from categories other than account', () => {
    for (const [category, registry] of Object.entries(EVENT_REGISTRIES)) {
      if (category === STREAM_CATEGORIES.account) continue;
      for (const spec of Object.values(registry)) expect(spec.integration).toBeNull();
    }
  });
});
