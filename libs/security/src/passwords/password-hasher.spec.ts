import { PasswordHasher } from './password-hasher';

describe('PasswordHasher (argon2id)', () => {
  const hasher = new PasswordHasher();
  let stored: string;

  beforeAll(async () => {
    stored = await hasher.hash('correct horse battery staple');
  });

  it('hashes with argon2id and the OWASP parameters, salted, without the password in the hash', async () => {
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(stored).not.toContain('correct horse');
    expect(await hasher.hash('correct horse battery staple')).not.toBe(stored);
  });

  it('verifies the right password', async () => {
    expect(await hasher.verify(stored, 'correct horse battery staple')).toBe(true);
  });

  it('refuses a wrong password', async () => {
    expect(await hasher.verify(stored, 'correct horse battery stapler')).toBe(false);
    expect(await hasher.verify(stored, '')).toBe(false);
  });

  it('answers false, never throws, for a malformed hash', async () => {
    for (const malformed of ['', 'not a hash', '$argon2id$v=19$m=19456,t=2,p=1$broken', stored.slice(0, -5)]) {
      expect(await hasher.verify(malformed, 'correct horse battery staple')).toBe(false);
    }
    expect(await hasher.verify(undefined as unknown as string, 'x')).toBe(false);
  });

  it('answers false against the dummy hash, whatever the password', async () => {
    expect(await hasher.verifyAgainstDummy('correct horse battery staple')).toBe(false);
    expect(await hasher.verifyAgainstDummy('')).toBe(false);
  });

  it('makes the dummy hash lazily, once, with the same parameters as real hashes', async () => {
    const fresh = new PasswordHasher();
    const hashSpy = jest.spyOn(fresh, 'hash');
    const verifySpy = jest.spyOn(fresh, 'verify');
    expect(hashSpy).not.toHaveBeenCalled();
    await fresh.verifyAgainstDummy('guess one');
    await fresh.verifyAgainstDummy('guess two');
    expect(hashSpy).toHaveBeenCalledTimes(1);
    expect(verifySpy).toHaveBeenCalledTimes(2);
    expect(verifySpy.mock.calls[0]?.[0]).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
