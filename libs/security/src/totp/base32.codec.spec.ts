import { randomBytes } from 'node:crypto';
import { decodeBase32, encodeBase32 } from './base32.codec';

describe('base32 (RFC 4648)', () => {
  // RFC 4648 section 10 test vectors, padding removed.
  const vectors: Array<[string, string]> = [
    ['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI'],
  ];

  it.each(vectors)('encodes %j as %j and decodes it back', (text, encoded) => {
    expect(encodeBase32(Buffer.from(text))).toBe(encoded);
    expect(decodeBase32(encoded).toString()).toBe(text);
  });

  it('accepts padding and lower case when decoding', () => {
    expect(decodeBase32('mzxw6ytboi======').toString()).toBe('foobar');
  });

  it('round-trips random bytes', () => {
    const bytes = randomBytes(20);
    expect(decodeBase32(encodeBase32(bytes)).equals(bytes)).toBe(true);
  });

  it('refuses characters outside the alphabet', () => {
    expect(() => decodeBase32('MZXW1')).toThrow(TypeError);
    expect(() => decodeBase32('MZ XW')).toThrow(TypeError);
  });
});
