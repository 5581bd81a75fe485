import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** One request the receiver got, with the verdict of its own signature check. */
export interface ReceivedWebhook {
  /** The request path and query (to tell webhooks on one receiver apart). */
  path: string;
  id: string;
  timestamp: string;
  signatures: string[];
  contentType: string;
  body: string;
  /** The body parsed as JSON (a CloudEvent). */
  event: { id: string; type: string; subject: string; position: string; data: Record<string, unknown> } & Record<string, unknown>;
  /** Whether a signature verified with the receiver's secrets (see `verifyWith`). */
  verified: boolean;
  /** The status the receiver answered. */
  status: number;
}

/**
 * A webhook consumer on a real local HTTP port. It verifies every request as the Standard Webhooks
 * specification tells a consumer to, written here independently of the service: the signed content
 * is `${webhook-id}.${webhook-timestamp}.${raw body}`, the key is the base64-decoded part of the
 * secret after `whsec_`, HMAC-SHA256, base64, compared in constant time with each `v1,` entry of
 * the space-separated `webhook-signature`; the timestamp must be within 5 minutes.
 * `answer` decides the status of each request (200 unless told otherwise).
 */
export class WebhookReceiver {
  readonly requests: ReceivedWebhook[] = [];
  answer: (request: ReceivedWebhook, index: number) => number = () => 200;
  /** Delays each answer (ms), to keep deliveries in flight. */
  delayMs = 0;
  private secrets: string[] = [];
  private readonly listeners = new Set<() => void>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | null = null;
    const server = createServer((req, res) => receiver?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver = new WebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/identity`);
    return receiver;
  }

  /** The secrets signatures are checked against (any one may match). */
  verifyWith(...secrets: string[]): void {
    this.secrets = secrets;
  }

  /** The acknowledged (2xx) requests, one per webhook-id in the order first acknowledged. */
  acknowledgedOnce(): ReceivedWebhook[] {
    const seen = new Set<string>();
    return this.requests.filter((r) => r.status < 300 && !seen.has(r.id) && seen.add(r.id));
  }

  /** Waits until `condition` holds for the requests received so far. */
  async waitFor(condition: (requests: ReceivedWebhook[]) => boolean, timeoutMs = 30_000): Promise<void> {
    if (condition(this.requests)) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(
          new Error(
            `webhook receiver: condition not met within ${timeoutMs} ms; got ${this.requests.length} requests: ` +
              JSON.stringify(this.requests.map((r) => [r.event?.type, r.status, r.verified])),
          ),
        );
      }, timeoutMs);
      const check = () => {
        if (!condition(this.requests)) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      this.listeners.add(check);
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => String(req.headers[name] ?? '');
      let event: ReceivedWebhook['event'];
      try {
        event = JSON.parse(body);
      } catch {
        event = { id: '', type: '', subject: '', position: '', data: {} };
      }
      const request: ReceivedWebhook = {
        path: req.url ?? '',
        id: header('webhook-id'),
        timestamp: header('webhook-timestamp'),
        signatures: header('webhook-signature').split(' ').filter(Boolean),
        contentType: header('content-type'),
        body,
        event,
        verified: false,
        status: 0,
      };
      request.verified = verify(this.secrets, request.id, request.timestamp, request.signatures, body);
      request.status = this.answer(request, this.requests.length);
      this.requests.push(request);
      setTimeout(() => {
        res.writeHead(request.status, { 'content-type': 'text/plain' }).end(request.status < 300 ? 'ok' : 'not now');
        for (const listener of [...this.listeners]) listener();
      }, this.delayMs);
    });
  }
}

/** Standard Webhooks verification, from the specification. */
export function verify(
  secrets: string[],
  id: string,
  timestamp: string,
  signatures: string[],
  body: string,
  nowSeconds = Date.now() / 1000,
): boolean {
  if (!id || !/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  const content = `${id}.${timestamp}.${body}`;
  return secrets.some((secret) => {
    const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    const expected = createHmac('sha256', key).update(content, 'utf8').digest();
    return signatures.some((entry) => {
      const [version, encoded] = entry.split(',', 2);
      const given = Buffer.from(encoded ?? '', 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
  });
}
