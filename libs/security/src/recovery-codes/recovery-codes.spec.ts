import { createHmac, randomBytes } from 'node:crypto';
import { generateRecoveryCode, normalizeRecoveryCode, RECOVERY_CODE_ALPHABET, RecoveryCodeHasher } from './recovery-codes';

describe('recovery codes', () => {
  const key = randomBytes(32);
  const hasher = new RecoveryCodeHasher(key);

  it('are xxxxx-xxxxx from an alphabet without look-alikes, and differ', () => {
    const codes = Array.from({ length: 200 }, () => generateRecoveryCode());
    for (const code of codes) expect(code).toMatch(/^[23456789a-hjkmnp-z]{5}-[23456789a-hjkmnp-z]{5}$/);
    expect(RECOVERY_CODE_ALPHABET).not.toMatch(/[01ilo]/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('are typed with or without the dash, in any case; anything else is not one', () => {
    expect(normalizeRecoveryCode('ABCDE-fghjk')).toBe('abcdefghjk');
    expect(normalizeRecoveryCode('abcde fghjk')).toBe('abcdefghjk');
    expect(normalizeRecoveryCode('abcdefghjk')).toBe('abcdefghjk');
    for (const bad of ['123456', 'abcd-efghjk', 'abcde--fghjk', 'abcde-fghj!', '']) expect(normalizeRecoveryCode(bad)).toBeNull();
  });

  it('are stored as HMAC-SHA256 over salt:code, with a salt of their own, never the code', () => {
    const { codes, hashes } = hasher.generateSet();
    expect(codes).toHaveLength(10);
    expect(new Set(hashes.map((h) => h.salt)).size).toBe(10);
    const first = hashes[0]!;
    const normalized = normalizeRecoveryCode(codes[0]!)!;
    expect(first.hash).toBe(createHmac('sha256', key).update(`${first.salt}:${normalized}`).digest('hex'));
    expect(JSON.stringify(hashes)).not.toContain(normalized);
    expect(new RecoveryCodeHasher(randomBytes(32)).hash(first.salt, codes[0]!)).not.toBe(first.hash);
  });

  it('finds the index a typed code matches, and none for another code or key', () => {
    const { codes, hashes } = hasher.generateSet();
    expect(hasher.indexOf(codes[7]!.toUpperCase(), hashes)).toBe(7);
    expect(hasher.indexOf(codes[0]!.replace('-', ''), hashes)).toBe(0);
    expect(hasher.indexOf(generateRecoveryCode(), hashes)).toBeNull();
    expect(hasher.indexOf('123456', hashes)).toBeNull();
    expect(new RecoveryCodeHasher(randomBytes(32)).indexOf(codes[3]!, hashes)).toBeNull();
  });
});
