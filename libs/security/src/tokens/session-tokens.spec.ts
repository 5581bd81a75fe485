import { createHmac, randomBytes } from 'node:crypto';
import { SessionTokens } from './session-tokens';

describe('SessionTokens', () => {
  const key = randomBytes(32);
  const tokens = new SessionTokens(key, 900);
  const now = new Date('2030-01-01T00:00:00.000Z');
  const later = (seconds: number) => new Date(now.getTime() + seconds * 1000);
  const forge = (payload: object, signingKey = key) => {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${createHmac('sha256', signingKey).update(body).digest('base64url')}`;
  };

  it('issues a signed token whose payload is {sub, sid, iat, exp, v:1} and which expires after the TTL', () => {
    const { token, expiresAt } = tokens.issue({ accountId: 'acc-1', sessionId: 'ses-1', now });
    expect(expiresAt).toEqual(later(900));
    const [body, signature] = token.split('.');
    if (body === undefined || signature === undefined) throw new Error('the token has no body.signature form');
    expect(JSON.parse(Buffer.from(body, 'base64url').toString())).toEqual({
      sub: 'acc-1',
      sid: 'ses-1',
      iat: now.getTime() / 1000,
      exp: now.getTime() / 1000 + 900,
      v: 1,
    });
    expect(signature).toBe(createHmac('sha256', key).update(body).digest('base64url'));
  });

  it('verifies its own token until it expires', () => {
    const { token, expiresAt } = tokens.issue({ accountId: 'acc-1', sessionId: 'ses-1', now });
    expect(tokens.verify(token, now)).toEqual({ accountId: 'acc-1', sessionId: 'ses-1', expiresAt });
    expect(tokens.verify(token, later(899))).not.toBeNull();
    expect(tokens.verify(token, later(900))).toBeNull();
    expect(tokens.verify(token, later(3600))).toBeNull();
  });

  it('uses the TTL it was given', () => {
    const short = new SessionTokens(key, 60);
    const { token } = short.issue({ accountId: 'acc-1', sessionId: 'ses-1', now });
    expect(short.verify(token, later(59))).not.toBeNull();
    expect(short.verify(token, later(60))).toBeNull();
  });

  it('rejects a token signed with another key, or with an altered payload or signature', () => {
    const { token } = tokens.issue({ accountId: 'acc-1', sessionId: 'ses-1', now });
    expect(new SessionTokens(randomBytes(32)).verify(token, now)).toBeNull();
    const [body, signature] = token.split('.');
    if (body === undefined || signature === undefined) throw new Error('the token has no body.signature form');
    const otherBody = Buffer.from(JSON.stringify({ sub: 'acc-2', sid: 'ses-1', iat: 1893456000, exp: 1893456900, v: 1 })).toString(
      'base64url',
    );
    expect(tokens.verify(`${otherBody}.${signature}`, now)).toBeNull();
    const flipped = Buffer.from(signature, 'base64url');
    flipped.writeUInt8(flipped.readUInt8(0) ^ 1, 0);
    expect(tokens.verify(`${body}.${flipped.toString('base64url')}`, now)).toBeNull();
    expect(tokens.verify(`${body}.${signature}x`, now)).toBeNull();
    expect(tokens.verify(forge({ sub: 'acc-1', sid: 'ses-1', iat: 1893456000, exp: 1893456900, v: 1 }, randomBytes(32)), now)).toBeNull();
  });

  it('accepts only the issued spelling of the signature: no other spelling of the same 32 bytes, no padding, no prefix', () => {
    const { token } = tokens.issue({ accountId: 'acc-1', sessionId: 'ses-1', now });
    const [body, signature] = token.split('.');
    if (body === undefined || signature === undefined) throw new Error('the token has no body.signature form');
    // 43 characters carry 258 bits: the last one's low two bits are unused, so four spellings decode to one MAC.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(signature.slice(-1));
    const spellings = [0, 1, 2, 3].map((low) => `${signature.slice(0, -1)}${alphabet[(last & ~3) | low]}`);
    for (const spelling of spellings) {
      expect(Buffer.from(spelling, 'base64url')).toEqual(Buffer.from(signature, 'base64url'));
      expect(tokens.verify(`${body}.${spelling}`, now) !== null).toBe(spelling === signature);
    }
    expect(tokens.verify(`${body}.${signature}=`, now)).toBeNull();
    expect(tokens.verify(`${body}.A${signature}`, now)).toBeNull();
    expect(tokens.verify(`${body}.${signature.slice(0, -1)}`, now)).toBeNull();
  });

  it('rejects correctly signed payloads of the wrong shape', () => {
    const iat = now.getTime() / 1000;
    expect(tokens.verify(forge({ sub: 'acc-1', sid: 'ses-1', iat, exp: iat + 60, v: 1 }), now)).not.toBeNull();
    for (const payload of [
      { sub: 'acc-1', sid: 'ses-1', iat, exp: iat + 60, v: 2 },
      { sub: '', sid: 'ses-1', iat, exp: iat + 60, v: 1 },
      { sub: 'acc-1', iat, exp: iat + 60, v: 1 },
      { sub: 'acc-1', sid: 'ses-1', iat, exp: 'never', v: 1 },
      [1, 2, 3],
      null,
    ]) {
      expect(tokens.verify(forge(payload as object), now)).toBeNull();
    }
  });

  it('answers null, never throws, for garbage', () => {
    for (const garbage of ['', '.', 'abc', 'a.b.c', 'not base64!.sig', '%%%.%%%', 'x'.repeat(5000), undefined, 42]) {
      expect(tokens.verify(garbage as string, now)).toBeNull();
    }
    const notJson = `${Buffer.from('not json').toString('base64url')}.${createHmac('sha256', key).update(Buffer.from('not json').toString('base64url')).digest('base64url')}`;
    expect(tokens.verify(notJson, now)).toBeNull();
  });

  it('refuses a short key and a non-positive TTL', () => {
    expect(() => new SessionTokens(randomBytes(16))).toThrow(RangeError);
    expect(() => new SessionTokens(key, 0)).toThrow(RangeError);
  });
});
