import { CodeMessage, CodeSender, DeliveryFailedError } from './code-delivery.port';
import { messageText } from './message-text';

export interface SmsWebhookOptions {
  /** SMS_WEBHOOK_URL: receives POST application/json {"to": phone, "text": message}. */
  url: string;
  /** How long to wait for the webhook's answer; 5 s unless told. */
  timeoutMs?: number;
}

/** Sends codes by SMS through an HTTP webhook. Any answer other than 2xx is a failed delivery. */
export class SmsWebhookCodeSender implements CodeSender {
  private readonly url: string;
  private readonly timeoutMs: number;

  constructor(options: SmsWebhookOptions) {
    this.url = options.url;
    this.timeoutMs = options.timeoutMs ?? 5000;
  }

  async send(message: CodeMessage): Promise<void> {
    const body = JSON.stringify({ to: message.to, text: messageText(message, new Date()) });
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new DeliveryFailedError(`SMS webhook ${describeFetchError(error, this.timeoutMs)}`);
    }
    // The answer body is not read: it could echo the phone number or the text.
    await response.body?.cancel().catch(() => undefined);
    if (!response.ok) throw new DeliveryFailedError(`SMS webhook answered with status ${response.status}`);
  }
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `did not answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
  return `could not be reached${code}`;
}
