import { WebhookManager } from '@identity/domain';
import { RequestContext, requireRole } from '../auth/principal';

/** Integrator and admin keys manage webhooks; people and auditors are FORBIDDEN, no credentials UNAUTHENTICATED. */
export function requireWebhookManager(context: RequestContext): WebhookManager {
  const machine = requireRole(context, ['integrator', 'admin']);
  return { keyId: machine.keyId, role: machine.role as WebhookManager['role'] };
}
