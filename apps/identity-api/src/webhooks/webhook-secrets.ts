import { Injectable } from '@nestjs/common';
import { isBefore, WebhookState } from '@identity/domain';
import { SecretBox } from '@identity/security';
import { generateWebhookSecret } from './delivery/webhook-signature';

/** Each webhook's secrets are encrypted under a data key of its own, named after its stream. */
const keyOwner = (webhookId: string) => `webhook-${webhookId}`;

/** Makes, stores (encrypted) and opens webhook signing secrets; shreds them with the webhook. */
@Injectable()
export class WebhookSecrets {
  constructor(private readonly box: SecretBox) {}

  /** A new secret: the plain text is shown once to the caller; only the box goes into the event. */
  create(webhookId: string): { secret: string; encrypted: string } {
    const secret = generateWebhookSecret();
    return { secret, encrypted: this.box.encrypt(keyOwner(webhookId), secret) };
  }

  /** The secrets to sign with now: the current one, and the previous one while its grace period runs. */
  signingSecrets(webhook: WebhookState & { webhookId: string }, now: Date): string[] {
    if (!webhook.secret) return [];
    const secrets = [this.box.decrypt(keyOwner(webhook.webhookId), webhook.secret)];
    if (webhook.previousSecret && webhook.previousSecretValidUntil && isBefore(now.toISOString(), webhook.previousSecretValidUntil)) {
      secrets.push(this.box.decrypt(keyOwner(webhook.webhookId), webhook.previousSecret));
    }
    return secrets;
  }

  /** Deletes the webhook's key: its secrets in the events can never be read again. */
  shred(webhookId: string): void {
    this.box.shred(keyOwner(webhookId));
  }
}
