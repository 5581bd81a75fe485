import { randomUUID } from 'node:crypto';
import { webhookStream } from '@identity/domain';
import { InMemoryEventStore } from '@identity/event-store';
import { ReadModelUnavailableError } from '@identity/read-models';
import { RequestContext } from '../../auth/principal';
import { DeliveryRow } from '../delivery/webhook-delivery.store';
import { WebhookDeliveryService } from '../delivery/webhook-delivery.service';
import { WebhookCommandRunner } from '../webhook-command-runner';
import { WebhookSecrets } from '../webhook-secrets';
import { RotateWebhookSecretCommand } from './rotate-webhook-secret.command';
import { RotateWebhookSecretHandler } from './rotate-webhook-secret.handler';

const context: RequestContext = {
  principal: { kind: 'machine', keyId: 'key-owner', name: 'owner', role: 'integrator' },
  meta: { correlationId: 'c', ip: null, userAgent: null },
};
const secrets = { create: () => ({ secret: 'whsec_new', encrypted: 'enc:v1:new' }) } as unknown as WebhookSecrets;

describe('rotateWebhookSecret', () => {
  let store: InMemoryEventStore;
  let runner: WebhookCommandRunner;
  const webhookId = randomUUID();
  beforeEach(async () => {
    store = new InMemoryEventStore();
    runner = new WebhookCommandRunner(store, { now: () => new Date('2030-01-01T00:00:00Z') });
    await runner.run(webhookId, context, (_state, now) => ({
      type: 'CreateWebhook',
      webhookId,
      by: { keyId: 'key-owner', role: 'integrator' },
      url: 'https://hooks.example.com/identity',
      eventTypes: ['identity.mfa.enabled.v1'],
      secret: 'enc:v1:old',
      now,
    }));
  });
  afterEach(() => store.close());

  const handlerWith = (deliveryState: () => Promise<DeliveryRow | null>) =>
    new RotateWebhookSecretHandler(runner, secrets, { deliveryState } as unknown as WebhookDeliveryService);

  it('writes nothing when the delivery state cannot be read: no rotation whose new secret is never shown', async () => {
    const down = new ReadModelUnavailableError('read models down');
    const handler = handlerWith(() => Promise.reject(down));
    await expect(handler.execute(new RotateWebhookSecretCommand(webhookId, 3600, context))).rejects.toBe(down);
    expect((await store.readStream(webhookStream(webhookId))).map((e) => e.type)).toEqual(['WebhookCreated']);
  });

  it('answers the new secret once it is written', async () => {
    const rotated = await handlerWith(() => Promise.resolve(null)).execute(new RotateWebhookSecretCommand(webhookId, 3600, context));
    expect(rotated.secret).toBe('whsec_new');
    expect((await store.readStream(webhookStream(webhookId))).map((e) => e.type)).toEqual(['WebhookCreated', 'WebhookSecretRotated']);
  });
});
