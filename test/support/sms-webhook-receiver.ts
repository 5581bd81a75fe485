import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** One request the webhook received, with the status it answered. */
export interface ReceivedSms {
  method: string;
  path: string;
  contentType: string | undefined;
  rawBody: string;
  /** The parsed JSON body, or undefined when it was not JSON. */
  body: unknown;
  to: string | undefined;
  text: string | undefined;
  status: number;
}

const CODE_PATTERN = /\b(\d{6})\b/;

/**
 * A real SMS webhook for tests: an HTTP server on 127.0.0.1 (free port) that records every request.
 * Point SMS_WEBHOOK_URL at `url`. Answers 204 unless told otherwise with respondWith(status).
 */
export class SmsWebhookReceiver {
  readonly received: ReceivedSms[] = [];
  private status = 204;
  private readonly waiters = new Set<() => void>();

  private readonly server: Server = createServer((request, response) => {
    void readBody(request).then((rawBody) => {
      const status = this.record(request, rawBody);
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? '' : 'simulated failure');
    });
  });
  private port = 0;

  private constructor() {}

  static async start(): Promise<SmsWebhookReceiver> {
    const receiver = new SmsWebhookReceiver();
    await new Promise<void>((resolve, reject) => {
      receiver.server.once('error', reject);
      receiver.server.listen(0, '127.0.0.1', () => resolve());
    });
    receiver.port = (receiver.server.address() as AddressInfo).port;
    return receiver;
  }

  /** Point SMS_WEBHOOK_URL here. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/sms`;
  }

  /** The status answered from now on, e.g. 500 to simulate a failing gateway. */
  respondWith(status: number): void {
    this.status = status;
  }

  /** The messages accepted (answered 2xx), oldest first. */
  get delivered(): ReceivedSms[] {
    return this.received.filter((sms) => sms.status >= 200 && sms.status < 300);
  }

  /** Forgets what was received so far, so the next waitForCode sees only newer messages. */
  clear(): void {
    this.received.length = 0;
  }

  /**
   * The 6-digit code in the newest accepted message to `to`, waiting for one if there is none yet.
   * Call it after the action that sends the code (or clear() before that action).
   */
  waitForCode(to: string, timeoutMs = 5000): Promise<string> {
    return waitFor(this.waiters, timeoutMs, `no SMS with a code to ${to}`, () => {
      const newest = this.delivered.filter((sms) => sms.to === to).at(-1);
      return newest?.text?.match(CODE_PATTERN)?.[1];
    });
  }

  /** Stops the server; calling it again does nothing. */
  async close(): Promise<void> {
    if (!this.server.listening) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private record(request: IncomingMessage, rawBody: string): number {
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      body = undefined;
    }
    const fields = (body ?? {}) as { to?: unknown; text?: unknown };
    this.received.push({
      method: request.method ?? '',
      path: request.url ?? '',
      contentType: request.headers['content-type'],
      rawBody,
      body,
      to: typeof fields.to === 'string' ? fields.to : undefined,
      text: typeof fields.text === 'string' ? fields.text : undefined,
      status: this.status,
    });
    for (const wake of this.waiters) wake();
    return this.status;
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Resolves with find()'s first defined answer, checked now and at every wake-up, or rejects after timeoutMs. */
export function waitFor<T>(waiters: Set<() => void>, timeoutMs: number, failure: string, find: () => T | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const check = (): boolean => {
      const found = find();
      if (found === undefined) return false;
      clearTimeout(timer);
      waiters.delete(wake);
      resolve(found);
      return true;
    };
    const wake = (): void => void check();
    const timer = setTimeout(() => {
      waiters.delete(wake);
      reject(new Error(`${failure} within ${timeoutMs} ms`));
    }, timeoutMs);
    if (!check()) waiters.add(wake);
  });
}
