import { randomUUID } from 'node:crypto';
import { WebhookEvent, webhookStream } from '@identity/domain';
import { InMemoryEventStore } from '@identity/event-store';
import { at } from '@identity/testing';
import { WebhookRegistry } from './webhook-registry';

const metadata = { correlationId: 'c', causationId: null, actor: null, ip: null, userAgent: null };
const created = (webhookId: string): WebhookEvent => ({
  type: 'WebhookCreated',
  data: { webhookId, ownerKeyId: 'k', url: 'https://h.example/x', eventTypes: ['identity.mfa.enabled.v1'], secret: 'enc:v1:s', at: at(0) },
});

describe('WebhookRegistry', () => {
  it('folds each webhook stream, keeps where it was created and lists only those not deleted', async () => {
    const store = new InMemoryEventStore();
    const append = (id: string, ...events: WebhookEvent[]) =>
      store.appendToStream(
        webhookStream(id),
        events.map((e) => ({ id: randomUUID(), type: e.type, data: e.data as never, metadata })),
        'any',
      );
    const first = await append('w1', created('w1'));
    await store.appendToStream('account-a', [{ id: randomUUID(), type: 'AccountLocked', data: {}, metadata }], 'any');
    await append('w2', created('w2'));
    await append('w1', {
      type: 'WebhookMarkedFailing',
      data: { webhookId: 'w1', consecutiveFailures: 3, lastError: 'HTTP 500', at: at(5) },
    });
    await append('w2', { type: 'WebhookDeleted', data: { webhookId: 'w2', at: at(6) } });

    const registry = await WebhookRegistry.read(store);
    expect(registry.list().map((w) => [w.webhookId, w.status])).toEqual([['w1', 'FAILING']]);
    expect(registry.get('w1')?.createdPosition).toEqual(first.position);
    expect(registry.get('w2')?.status).toBe('DELETED');
    await store.close();
  });
});
