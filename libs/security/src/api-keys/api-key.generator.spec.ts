import { createHash } from 'node:crypto';
import { generateApiKey, hashApiKeySecret, parseApiKey } from './api-key.generator';

describe('API keys', () => {
  it('generates idk_<16 hex>_<43+ base64url characters> with distinct ids and secrets', () => {
    const first = generateApiKey();
    expect(first.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(first.key).toMatch(/^idk_[0-9a-f]{16}_[A-Za-z0-9_-]{43,}$/);
    expect(first.key).toBe(`idk_${first.keyId}_${first.secret}`);
    const second = generateApiKey();
    expect(second.keyId).not.toBe(first.keyId);
    expect(second.secret).not.toBe(first.secret);
  });

  it('uses no underscore in the secret, so the part after the last "_" is the whole secret', () => {
    for (let i = 0; i < 200; i++) {
      const { key, secret } = generateApiKey();
      expect(key.slice(key.lastIndexOf('_') + 1)).toBe(secret);
    }
  });

  it('parses its own keys back into id and secret', () => {
    const { keyId, key, secret } = generateApiKey();
    expect(parseApiKey(key)).toEqual({ keyId, secret });
  });

  it('parses secrets that contain "_" and "-"', () => {
    const secret = `ab_cd-${'x'.repeat(40)}`;
    expect(parseApiKey(`idk_0123456789abcdef_${secret}`)).toEqual({ keyId: '0123456789abcdef', secret });
  });

  it('rejects anything not of the API key form', () => {
    const { key, keyId, secret } = generateApiKey();
    for (const bad of [
      '',
      'idk_',
      `xdk_${keyId}_${secret}`,
      `idk_${keyId.toUpperCase()}_${secret}`,
      `idk_${keyId.slice(1)}_${secret}`,
      `idk_${keyId}_${secret.slice(1)}`,
      `idk_${keyId}_${secret}!`,
      ` ${key}`,
      `${key}\n`,
      `Bearer ${key}`,
    ]) {
      expect(parseApiKey(bad)).toBeNull();
    }
    expect(parseApiKey(undefined as unknown as string)).toBeNull();
  });

  it('hashes the secret as hex SHA-256', () => {
    const { secret } = generateApiKey();
    expect(hashApiKeySecret(secret)).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(hashApiKeySecret(secret)).not.toBe(hashApiKeySecret(`${secret}x`));
  });
});
