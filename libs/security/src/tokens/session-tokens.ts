import { createHmac, timingSafeEqual } from 'node:crypto';

const TOKEN_VERSION = 1;
const MAX_TOKEN_LENGTH = 2048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** An HMAC-SHA256 is 32 bytes (43 characters of unpadded base64url). */
const SIGNATURE_BYTES = 32;

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
    const presented = presentedMac(signature);
    if (!presented || !timingSafeEqual(this.mac(body), presented)) return null;
    const payload = parsePayload(body);
    if (!payload || !(now.getTime() < payload.exp * 1000)) return null;
    return { accountId: payload.sub, sessionId: payload.sid, expiresAt: new Date(payload.exp * 1000) };
  }

  private sign(body: string): string {
    return this.mac(body).toString('base64url');
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body, 'ascii').digest();
  }
}

/**
 * The 32 bytes a signature of 43 base64url characters stands for, to compare with the expected MAC
 * in constant time; null for any other length (public: every genuine signature has it). A spelling
 * whose last character carries bits the 32 bytes do not use is refused too (base64url would read
 * four spellings as one MAC), so a token has exactly one accepted form. Neither check looks at a secret.
 */
function presentedMac(signature: string): Buffer | null {
  const bytes = Buffer.from(signature, 'base64url');
  return bytes.length === SIGNATURE_BYTES && bytes.toString('base64url') === signature ? bytes : null;
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
