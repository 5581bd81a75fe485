import { randomUUID } from 'node:crypto';
import { RequestMeta } from './principal';

type Headers = Record<string, string | string[] | undefined>;

const header = (headers: Headers, name: string): string | null => {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first ? first : null;
};

/** A caller's correlation id is kept when it is a plain token; otherwise a fresh one is made. */
export function correlationIdFrom(headers: Headers): string {
  const given = header(headers, 'x-correlation-id');
  return given && /^[A-Za-z0-9._:-]{1,100}$/.test(given) ? given : randomUUID();
}

/** `correlationId`: the id the request log line carries (logging/request-logging.ts), when there is one. */
export function requestMeta(
  headers: Headers,
  remoteAddress: string | undefined | null,
  correlationId: string = correlationIdFrom(headers),
): RequestMeta {
  const userAgent = header(headers, 'user-agent');
  return { correlationId, ip: remoteAddress ?? null, userAgent: userAgent ? userAgent.slice(0, 300) : null };
}

export function bearerToken(headers: Headers): string | null {
  const value = header(headers, 'authorization');
  const match = value ? /^Bearer\s+(\S+)$/i.exec(value) : null;
  return match?.[1] ?? null;
}

export function apiKeyHeader(headers: Headers): string | null {
  return header(headers, 'x-api-key');
}
