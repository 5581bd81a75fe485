import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;

/** A fresh signing secret in the Standard Webhooks form: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;
}

/**
 * Standard Webhooks symmetric signatures (`v1`, HMAC-SHA256 over `${msgId}.${seconds}.${payload}`,
 * keyed with the base64-decoded secret), made by the specification's own library (`standardwebhooks`,
 * kept by the specification's authors). This class adds the checks the library leaves to its caller:
 * the secret's length, and no "." in the message id (it would make the signed content ambiguous).
 */
export class WebhookSigner {
  private readonly webhook: Webhook;

  constructor(secret: string) {
    const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
    const key = Buffer.from(encoded, 'base64');
    if (key.length < 24 || key.length > 64) throw new RangeError('a webhook secret is 24 to 64 bytes, base64');
    this.webhook = new Webhook(new Uint8Array(key), { format: 'raw' });
  }

  sign(msgId: string, timestamp: Date, payload: string): string {
    if (msgId.includes('.')) throw new RangeError('a webhook message id must not contain "."');
    return this.webhook.sign(msgId, timestamp, payload);
  }
}

/** The three Standard Webhooks headers, signed with every secret given (the current one first). */
export function standardWebhookHeaders(
  secrets: readonly string[],
  msgId: string,
  timestamp: Date,
  payload: string,
): Record<string, string> {
  return {
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new WebhookSigner(secret).sign(msgId, timestamp, payload)).join(' '),
  };
}
