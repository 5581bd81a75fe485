import { createHmac } from 'node:crypto';
import { constantTimeEqual } from '../codes/constant-time-equal';

const TOKEN_VERSION = 1;
const MAX_TOKEN_LENGTH = 2048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface IssuedSessionToken {
  token: string;
  expiresAt: Date;
}

export interface VerifiedSession {
  accountId: string;
  sessionId: string;
  expiresAt: Date;
}

interface SessionPayload {
  sub: string;
  sid: string;
  iat: number;
  exp: number;
  v: number;
}

/**
 * Stateless session tokens: `<base64url(JSON {sub, sid, iat, exp, v:1})>.<base64url HMAC-SHA256>`,
 * signed with their own key (derive it with `deriveKey(masterKey, 'session-tokens')`). Times are Unix
 * seconds. `verify` never throws: a forged, altered, expired or garbled token is simply null.
 */
export class SessionTokens {
  constructor(
    private readonly key: Buffer,
    private readonly ttlSeconds = 900,
  ) {
    if (key.length < 32) throw new RangeError('SessionTokens: the key must be at least 32 bytes');
    if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) throw new RangeError('SessionTokens: ttlSeconds must be a positive integer');
  }

  issue({ accountId, sessionId, now }: { accountId: string; sessionId: string; now: Date }): IssuedSessionToken {
    if (!accountId || !sessionId) throw new TypeError('SessionTokens.issue: accountId and sessionId are required');
    const iat = Math.floor(now.getTime() / 1000);
    if (!Number.isSafeInteger(iat)) throw new RangeError('SessionTokens.issue: invalid date');
    const payload: SessionPayload = { sub: accountId, sid: sessionId, iat, exp: iat + this.ttlSeconds, v: TOKEN_VERSION };
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return { token: `${body}.${this.sign(body)}`, expiresAt: new Date(payload.exp * 1000) };
  }

  /** The session a token stands for, or null if it is not genuine or has expired at `now`. */
  verify(token: string, now: Date): VerifiedSession | null {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
    const [body, signature, ...rest] = token.split('.');
    if (body === undefined || signature === undefined || rest.length > 0) return null;
    if (!BASE64URL.test(body) || !BASE64URL.test(signature)) return null;
    if (!constantTimeEqual(this.sign(body), signature)) return null;
    const payload = parsePayload(body);
    if (!payload || !(now.getTime() < payload.exp * 1000)) return null;
    return { accountId: payload.sub, sessionId: payload.sid, expiresAt: new Date(payload.exp * 1000) };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body, 'ascii').digest('base64url');
  }
}

function parsePayload(body: string): SessionPayload | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { sub, sid, iat, exp, v } = value as Record<string, unknown>;
  const wellFormed =
    v === TOKEN_VERSION &&
    typeof sub === 'string' &&
    sub.length > 0 &&
    typeof sid === 'string' &&
    sid.length > 0 &&
    Number.isSafeInteger(iat) &&
    Number.isSafeInteger(exp) &&
    (exp as number) > (iat as number);
  return wellFormed ? { sub, sid, iat: iat as number, exp: exp as number, v } : null;
}
