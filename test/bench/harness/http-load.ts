import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  /** A fixed body, or one per request from the context autocannon gives it (cleared after each request). */
  body?: string | ((request: Record<string, unknown>) => string);
  /**
   * Fixed headers, or per request from its context, like `body` (called first, with the same context:
   * autocannon clears it after each request).
   */
  headers?: Record<string, string> | ((request: Record<string, unknown>) => Record<string, string>);
  connections: number;
  /** Send at most this many requests per second in all (autocannon's overallRate): a fixed offered rate. */
  overallRate?: number;
  seconds: number;
  /** Stop after this many requests instead (then `seconds` only bounds the run): for requests that each spend a prepared item. */
  amount?: number;
  method?: 'GET' | 'POST';
}

export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
}

/**
 * Runs autocannon against `url` and answers its throughput and latency. A GraphQL answer with
 * `errors` (or any non-2xx status) fails the run: a bench must not time refusals as work.
 */
export async function load(options: LoadOptions): Promise<LoadResult> {
  let failure: string | null = null;
  const body = options.body;
  const headers = options.headers;
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'POST',
    connections: options.connections,
    duration: options.seconds,
    ...(options.amount === undefined ? {} : { amount: options.amount }),
    ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
    headers: { 'content-type': 'application/json', ...(typeof headers === 'function' ? {} : headers) },
    requests: [
      {
        setupRequest: (request, context) => {
          const connection = context as Record<string, unknown>;
          const perConnection = typeof headers === 'function' ? { headers: { ...request.headers, ...headers(connection) } } : {};
          return { ...request, ...perConnection, body: typeof body === 'function' ? body(connection) : body };
        },
        onResponse: (status, responseBody) => {
          if (failure === null && (status < 200 || status >= 300 || responseBody.includes('"errors"'))) {
            failure = `${status} ${responseBody.slice(0, 300)}`;
          }
        },
      },
    ],
  });
  if (failure !== null) throw new Error(`a request to ${options.url} failed: ${failure}`);
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return {
    rps: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
  };
}
