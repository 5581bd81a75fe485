import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { CodeHasher } from './code-hasher';
import { constantTimeEqual } from './constant-time-equal';
import { deriveKey } from './key-derivation';
import { generateNumericCode } from './numeric-code.generator';

describe('generateNumericCode', () => {
  it('gives 6 decimal digits by default and the asked number otherwise', () => {
    expect(generateNumericCode()).toMatch(/^[0-9]{6}$/);
    expect(generateNumericCode(8)).toMatch(/^[0-9]{8}$/);
  });

  it('keeps leading zeros and spreads over every digit value', () => {
    const codes = Array.from({ length: 2000 }, () => generateNumericCode(2));
    expect(codes.every((code) => code.length === 2)).toBe(true);
    expect(codes.some((code) => code.startsWith('0'))).toBe(true);
    for (const digit of '0123456789') expect(codes.some((code) => code.endsWith(digit))).toBe(true);
    expect(new Set(Array.from({ length: 50 }, () => generateNumericCode())).size).toBeGreaterThan(45);
  });

  it('refuses digit counts out of range', () => {
    for (const digits of [0, -1, 13, 2.5]) expect(() => generateNumericCode(digits)).toThrow(RangeError);
  });
});

describe('deriveKey', () => {
  const masterKey = randomBytes(32);

  it('is HKDF-SHA256 of the master key with the purpose as info, 32 bytes', () => {
    const expected = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), Buffer.from('session-tokens'), 32));
    expect(deriveKey(masterKey, 'session-tokens').equals(expected)).toBe(true);
  });

  it('gives independent keys per purpose, stable for the same purpose', () => {
    const codes = deriveKey(masterKey, 'verification-codes');
    expect(codes).toHaveLength(32);
    expect(deriveKey(masterKey, 'verification-codes').equals(codes)).toBe(true);
    expect(deriveKey(masterKey, 'session-tokens').equals(codes)).toBe(false);
    expect(codes.equals(masterKey)).toBe(false);
  });
});

describe('CodeHasher', () => {
  const key = randomBytes(32);
  const hasher = new CodeHasher(key);

  it('is hex HMAC-SHA256 over scope:code', () => {
    expect(hasher.hash('verification-1', '123456')).toBe(createHmac('sha256', key).update('verification-1:123456').digest('hex'));
  });

  it('hashes the same code differently in different scopes and under different keys', () => {
    expect(hasher.hash('verification-1', '123456')).not.toBe(hasher.hash('verification-2', '123456'));
    expect(new CodeHasher(randomBytes(32)).hash('verification-1', '123456')).not.toBe(hasher.hash('verification-1', '123456'));
    expect(hasher.hash('verification-1', '123456')).not.toContain('123456');
  });

  it('matches the right code in the right scope only', () => {
    const stored = hasher.hash('challenge-1', '000123');
    expect(hasher.matches('challenge-1', '000123', stored)).toBe(true);
    expect(hasher.matches('challenge-1', '000124', stored)).toBe(false);
    expect(hasher.matches('challenge-2', '000123', stored)).toBe(false);
  });

  it('refuses a short key', () => {
    expect(() => new CodeHasher(randomBytes(16))).toThrow(RangeError);
  });
});

describe('constantTimeEqual', () => {
  it('is true for equal strings and false for any difference, including length', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('abc', '')).toBe(false);
    expect(constantTimeEqual('é', 'e\u0301')).toBe(false);
  });
});
