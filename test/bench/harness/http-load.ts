import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  /** A fixed body, or one per request from the connection's own context (set up once per connection). */
  body?: string | ((connection: Record<string, unknown>) => string);
  headers?: Record<string, string>;
  connections: number;
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
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'POST',
    connections: options.connections,
    duration: options.seconds,
    ...(options.amount === undefined ? {} : { amount: options.amount }),
    headers: { 'content-type': 'application/json', ...options.headers },
    requests: [
      {
        setupRequest: (request, context) =>
          typeof body === 'function' ? { ...request, body: body(context as Record<string, unknown>) } : { ...request, body },
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
