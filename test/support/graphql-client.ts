/** A plain GraphQL-over-HTTP client for the end-to-end suites: what any client would send. */

export interface GqlError {
  message: string;
  path?: Array<string | number>;
  extensions?: { code?: string; lockedUntil?: string; [key: string]: unknown };
}

export interface GqlBody<TData = Record<string, unknown>> {
  data?: TData | null;
  errors?: GqlError[];
}

export interface GqlResponse<TData = Record<string, unknown>> {
  status: number;
  body: GqlBody<TData>;
  /** The raw response body, for checks that must see every byte (stack traces, secrets). */
  text: string;
}

export interface RawResponse {
  status: number;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  headers: Headers;
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** POSTs any body to `url` as JSON and keeps the answer raw; never throws on an HTTP error status. */
export async function postRaw(url: string, body: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json, headers: response.headers };
}

/**
 * Sends one GraphQL operation. The body is parsed as JSON (a non-JSON answer fails loudly, with the
 * text). Every answer is checked for stack traces: a response showing one fails the calling test.
 */
export async function gql<TData = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GqlResponse<TData>> {
  const raw = await postRaw(url, JSON.stringify({ query, variables }), headers);
  assertNoStackTrace(raw.text);
  if (raw.json === undefined || raw.json === null || typeof raw.json !== 'object') {
    throw new Error(`GraphQL answered HTTP ${raw.status} with a body that is not a JSON object: ${raw.text.slice(0, 500)}`);
  }
  return { status: raw.status, body: raw.json as GqlBody<TData>, text: raw.text };
}

/** The `extensions.code` of every error in the answer, in order. */
export function errorCodes(response: Pick<GqlResponse<unknown>, 'body'>): string[] {
  return (response.body.errors ?? []).map((error) => String(error.extensions?.code));
}

/** The answer's only error; fails if there is none or the code differs. */
export function expectError(response: GqlResponse<unknown>, code: string): GqlError {
  // The whole answer goes into the comparison so that a failure shows the messages too.
  expect({ codes: errorCodes(response), answer: response.body }).toMatchObject({ codes: [code] });
  expect(response.status).toBeLessThan(500);
  const [error] = response.body.errors ?? [];
  if (!error) throw new Error(`expected a ${code} error`);
  return error;
}

const STACK_FRAME_PATTERNS: RegExp[] = [
  /at .*\(.*:\d+:\d+\)/, // "at fn (/path/file.js:1:2)"
  /\bat (?:\/|[A-Za-z]:\\|node:|file:)\S*:\d+:\d+/, // "at /path/file.js:1:2"
  /"stack(?:trace)?"\s*:/i, // a "stack" or Apollo's "stacktrace" field
];

/** The stack-trace-like fragments in a response body, for an error message; empty when clean. */
export function findStackTraces(text: string): string[] {
  return STACK_FRAME_PATTERNS.map((pattern) => pattern.exec(text)?.[0]).filter((match): match is string => !!match);
}

export function assertNoStackTrace(text: string): void {
  const found = findStackTraces(text);
  if (found.length > 0) throw new Error(`a response shows a stack trace (${found.join(' | ')}): ${text.slice(0, 800)}`);
}
