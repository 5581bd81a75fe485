import { at, deciderSpec } from '@identity/testing';
import { checkWebhookUrl, webhookDecider } from './webhook.decider';
import { WebhookEvent, WebhookManager } from './webhook.events';

const spec = deciderSpec(webhookDecider);
const owner: WebhookManager = { keyId: 'key-owner', role: 'integrator' };
const otherIntegrator: WebhookManager = { keyId: 'key-other', role: 'integrator' };
const admin: WebhookManager = { keyId: 'key-admin', role: 'admin' };

const create = {
  type: 'CreateWebhook' as const,
  webhookId: 'wh-1',
  by: owner,
  url: 'https://hooks.example.com/identity',
  eventTypes: ['identity.mfa.enabled.v1', 'identity.account.locked.v1', 'identity.mfa.enabled.v1'],
  secret: 'enc:v1:s1',
  now: at(0),
};
const created: WebhookEvent = {
  type: 'WebhookCreated',
  data: {
    webhookId: 'wh-1',
    ownerKeyId: 'key-owner',
    url: 'https://hooks.example.com/identity',
    eventTypes: ['identity.mfa.enabled.v1', 'identity.account.locked.v1'],
    secret: 'enc:v1:s1',
    at: at(0),
  },
};
const failing: WebhookEvent = {
  type: 'WebhookMarkedFailing',
  data: { webhookId: 'wh-1', consecutiveFailures: 10, lastError: 'HTTP 500', at: at(50) },
};
const deleted: WebhookEvent = { type: 'WebhookDeleted', data: { webhookId: 'wh-1', at: at(60) } };

describe('CreateWebhook', () => {
  it('records the webhook with its owner key, its event types once each and the encrypted secret', () =>
    spec.given([]).when(create).then([created]));
  it.each([
    ['another scheme', 'ftp://hooks.example.com/x'],
    ['no URL', 'not a url'],
    ['credentials', 'https://user:pw@hooks.example.com/x'],
    ['a fragment', 'https://hooks.example.com/x#frag'],
    ['a long URL', `https://hooks.example.com/${'a'.repeat(2000)}`],
  ])('refuses a url with %s', (_label, url) =>
    spec
      .given([])
      .when({ ...create, url })
      .thenThrows('INVALID_REQUEST', 'url'),
  );
  it('refuses no event types and unknown ones', () => {
    spec
      .given([])
      .when({ ...create, eventTypes: [] })
      .thenThrows('INVALID_REQUEST', 'eventTypes');
    spec
      .given([])
      .when({ ...create, eventTypes: ['identity.mfa.enabled.v1', 'AccountLocked'] })
      .thenThrows('INVALID_REQUEST', 'eventTypes');
  });
  it('refuses an id in use', () => spec.given([created]).when(create).thenThrows('WEBHOOK_EXISTS', 'webhookId'));
});

describe('RotateWebhookSecret', () => {
  const rotate = (by: WebhookManager, seconds = 3600) => ({
    type: 'RotateWebhookSecret' as const,
    by,
    secret: 'enc:v1:s2',
    previousSecretValidForSeconds: seconds,
    now: at(10),
  });
  it('records the new secret and how long the previous one keeps signing', () =>
    spec
      .given([created])
      .when(rotate(owner))
      .then([
        { type: 'WebhookSecretRotated', data: { webhookId: 'wh-1', secret: 'enc:v1:s2', previousSecretValidUntil: at(3610), at: at(10) } },
      ]));
  it('keeps the previous secret in the state for the second signature', () => {
    const events = spec.given([created]).when(rotate(admin, 0)).events();
    const state = [created, ...events].reduce(webhookDecider.evolve, webhookDecider.initialState());
    expect(state).toMatchObject({ secret: 'enc:v1:s2', previousSecret: 'enc:v1:s1', previousSecretValidUntil: at(10) });
  });
  it('refuses a grace period out of range', () =>
    spec.given([created]).when(rotate(owner, -1)).thenThrows('INVALID_REQUEST', 'previousSecretValidForSeconds'));
  it("answers another integrator's webhook as unknown", () =>
    spec.given([created]).when(rotate(otherIntegrator)).thenThrows('WEBHOOK_NOT_FOUND', 'webhookId'));
});

describe('DeleteWebhook', () => {
  const remove = (by: WebhookManager) => ({ type: 'DeleteWebhook' as const, by, now: at(60) });
  it('lets the owner delete it', () => spec.given([created]).when(remove(owner)).then([deleted]));
  it('lets an admin delete any', () => spec.given([created, failing]).when(remove(admin)).then([deleted]));
  it('refuses another integrator, a deleted and an unknown webhook alike', () => {
    spec.given([created]).when(remove(otherIntegrator)).thenThrows('WEBHOOK_NOT_FOUND', 'webhookId');
    spec.given([created, deleted]).when(remove(owner)).thenThrows('WEBHOOK_NOT_FOUND', 'webhookId');
    spec.given([]).when(remove(admin)).thenThrows('WEBHOOK_NOT_FOUND', 'webhookId');
  });
});

describe('MarkWebhookFailing and ResumeWebhook', () => {
  const mark = { type: 'MarkWebhookFailing' as const, consecutiveFailures: 10, lastError: 'HTTP 500', now: at(50) };
  const resume = (by: WebhookManager) => ({ type: 'ResumeWebhook' as const, by, now: at(70) });
  it('marks an active webhook failing once', () => {
    spec.given([created]).when(mark).then([failing]);
    spec.given([created, failing]).when(mark).then([]);
    spec.given([created, deleted]).when(mark).then([]);
  });
  it('resumes a failing webhook; resuming an active one changes nothing', () => {
    spec
      .given([created, failing])
      .when(resume(owner))
      .then([{ type: 'WebhookResumed', data: { webhookId: 'wh-1', at: at(70) } }]);
    spec.given([created]).when(resume(owner)).then([]);
  });
  it("refuses to resume another integrator's webhook", () =>
    spec.given([created, failing]).when(resume(otherIntegrator)).thenThrows('WEBHOOK_NOT_FOUND', 'webhookId'));
  it('shows the failure in the state until resumed', () => {
    const state = [created, failing].reduce(webhookDecider.evolve, webhookDecider.initialState());
    expect(state).toMatchObject({ status: 'FAILING', failing: { consecutiveFailures: 10, lastError: 'HTTP 500', since: at(50) } });
    expect(webhookDecider.evolve(state, { type: 'WebhookResumed', data: { webhookId: 'wh-1', at: at(70) } })).toMatchObject({
      status: 'ACTIVE',
      failing: null,
    });
  });
});

describe('checkWebhookUrl', () => {
  it('keeps a valid URL in its normal form', () => expect(checkWebhookUrl('HTTPS://Hooks.Example.com')).toBe('https://hooks.example.com/'));
});
