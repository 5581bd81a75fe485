import { request as httpRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { guardedLookup, isForbiddenAddress, literalAddress } from '../webhook-address-guard';

export type DeliveryOutcome =
  | { ok: true; status: number }
  | {
      ok: false;
      /** 5xx, 408, 429, timeouts and connection errors are worth another attempt; the rest is not. */
      retryable: boolean;
      status: number | null;
      /** Short and safe to show: `HTTP 500`, `timeout after 5000 ms`, `connection refused`. */
      reason: string;
      /** From a `Retry-After` header, when there is one. */
      retryAfterMs: number | null;
    };

export interface SendOptions {
  timeoutMs: number;
  allowPrivateNetworks: boolean;
  /** Aborts the attempt (shutdown); the outcome is then a retryable failure. */
  signal?: AbortSignal;
}

/**
 * POSTs one webhook request with node:http(s): no redirects followed (a 3xx is a failure), one new
 * connection per attempt, the whole attempt bounded by `timeoutMs`, and the destination address
 * checked when the connection is made (private addresses refused unless allowed).
 */
export function postWebhook(url: string, headers: Record<string, string>, body: string, options: SendOptions): Promise<DeliveryOutcome> {
  const target = new URL(url);
  const literal = literalAddress(target);
  if (!options.allowPrivateNetworks && literal !== null && isForbiddenAddress(literal)) {
    return Promise.resolve(failure(false, null, 'address not allowed (private network)'));
  }
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<DeliveryOutcome>((resolve) => {
    let settled = false;
    const settle = (outcome: DeliveryOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const req = send(
      target,
      {
        method: 'POST',
        agent: false,
        lookup: options.allowPrivateNetworks ? undefined : guardedLookup,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (response: IncomingMessage) => {
        response.resume();
        settle(outcomeOf(response));
        response.on('error', () => undefined);
      },
    );
    const timer = setTimeout(() => {
      settle(failure(true, null, `timeout after ${options.timeoutMs} ms`));
      req.destroy();
    }, options.timeoutMs);
    const onAbort = () => {
      settle(failure(true, null, 'stopped'));
      req.destroy();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error: NodeJS.ErrnoException) => settle(connectionFailure(error)));
    req.end(body);
  });
}

function outcomeOf(response: IncomingMessage): DeliveryOutcome {
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) return { ok: true, status };
  const retryable = status >= 500 || status === 429 || status === 408;
  return failure(retryable, status, `HTTP ${status}`, retryAfter(response.headers['retry-after']));
}

function connectionFailure(error: NodeJS.ErrnoException): DeliveryOutcome {
  if (error.name === 'ForbiddenAddressError') return failure(false, null, 'address not allowed (private network)');
  if (error.code === 'ECONNREFUSED') return failure(true, null, 'connection refused');
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return failure(true, null, 'host name not resolved');
  return failure(true, null, `connection error${error.code ? ` (${error.code})` : ''}`);
}

function failure(retryable: boolean, status: number | null, reason: string, retryAfterMs: number | null = null): DeliveryOutcome {
  return { ok: false, retryable, status, reason, retryAfterMs };
}

function retryAfter(value: string | undefined): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
