import { randomBytes } from 'node:crypto';
import { InMemoryKeyStore } from './in-memory-key-store';
import { SecretBox } from './secret-box';
import { SecretBoxIntegrityError, SecretUnavailableError } from './secret-box.errors';
import { defined } from '@identity/testing';

/** Flips one bit in one dot-separated part of a box (0 = iv, 1 = ciphertext, 2 = tag). */
function tamper(box: string, partIndex: number): string {
  const prefix = 'enc:v1:';
  const parts = box.slice(prefix.length).split('.');
  const bytes = Buffer.from(defined(parts[partIndex], `box part ${partIndex}`), 'base64url');
  bytes.writeUInt8(bytes.readUInt8(0) ^ 0x01, 0);
  parts[partIndex] = bytes.toString('base64url');
  return prefix + parts.join('.');
}

describe('SecretBox (AES-256-GCM envelope encryption)', () => {
  const masterKey = randomBytes(32);
  let keyStore: InMemoryKeyStore;
  let box: SecretBox;
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

  beforeEach(() => {
    keyStore = new InMemoryKeyStore();
    box = new SecretBox(masterKey, keyStore);
  });

  it('round-trips a secret in the compact enc:v1 form', () => {
    const sealed = box.encrypt('acc-1', secret);
    expect(sealed).toMatch(/^enc:v1:[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(box.decrypt('acc-1', sealed)).toBe(secret);
    expect(box.decrypt('acc-1', box.encrypt('acc-1', '+8613812345678 ünïcode'))).toBe('+8613812345678 ünïcode');
  });

  it('does not contain the plaintext, and encrypting twice gives different boxes', () => {
    const sealed = box.encrypt('acc-1', secret);
    expect(sealed).not.toContain(secret);
    expect(Buffer.from(defined(sealed.slice(7).split('.')[1], 'the ciphertext'), 'base64url').toString('latin1')).not.toContain(secret);
    expect(box.encrypt('acc-1', secret)).not.toBe(sealed);
  });

  it('creates one data key per account, stored wrapped (not the raw key, not the master key)', () => {
    expect(keyStore.get('acc-1')).toBeUndefined();
    box.encrypt('acc-1', secret);
    const wrapped = keyStore.get('acc-1');
    expect(wrapped).toHaveLength(61);
    box.encrypt('acc-1', 'another');
    expect(keyStore.get('acc-1')).toEqual(wrapped);
    expect(wrapped?.includes(masterKey)).toBe(false);
  });

  it.each([
    [0, 'nonce'],
    [1, 'ciphertext'],
    [2, 'tag'],
  ])('fails on a tampered %s (part %s)', (partIndex) => {
    const sealed = box.encrypt('acc-1', secret);
    expect(() => box.decrypt('acc-1', tamper(sealed, partIndex))).toThrow(SecretBoxIntegrityError);
  });

  it('fails on malformed boxes', () => {
    const sealed = box.encrypt('acc-1', secret);
    for (const bad of ['', secret, sealed.replace('enc:v1:', 'enc:v2:'), `${sealed}.x`, sealed.slice(0, -3), `${sealed}A`]) {
      expect(() => box.decrypt('acc-1', bad)).toThrow(SecretBoxIntegrityError);
    }
  });

  it("refuses to open a box for another account, even with that account's own key", () => {
    const sealed = box.encrypt('acc-1', secret);
    box.encrypt('acc-2', 'something');
    expect(() => box.decrypt('acc-2', sealed)).toThrow(SecretBoxIntegrityError);
  });

  it('does not unwrap a wrapped data key copied to another account', () => {
    const sealed = box.encrypt('acc-1', secret);
    const wrapped = keyStore.get('acc-1') as Buffer;
    keyStore.put('acc-copy', wrapped);
    expect(() => box.decrypt('acc-copy', sealed)).toThrow(/does not open with this master key/);
  });

  it('throws SecretUnavailableError after the account key is deleted from the key store (crypto-shredding)', () => {
    const sealed = box.encrypt('acc-1', secret);
    expect(box.decrypt('acc-1', sealed)).toBe(secret); // now cached
    keyStore.delete('acc-1');
    expect(() => box.decrypt('acc-1', sealed)).toThrow(SecretUnavailableError);
    expect(() => box.encrypt('acc-1', secret)).toThrow(SecretUnavailableError);
  });

  it('shred() erases the key through the box as well', () => {
    const sealed = box.encrypt('acc-1', secret);
    box.shred('acc-1');
    expect(keyStore.get('acc-1')).toBeUndefined();
    expect(() => box.decrypt('acc-1', sealed)).toThrow(SecretUnavailableError);
  });

  it('throws SecretUnavailableError for an account that never had a key', () => {
    const sealed = box.encrypt('acc-1', secret);
    expect(() => box.decrypt('acc-unknown', sealed)).toThrow(SecretUnavailableError);
  });

  it('opens boxes with a new SecretBox over the same store and master key, but not with another master key', () => {
    const sealed = box.encrypt('acc-1', secret);
    expect(new SecretBox(masterKey, keyStore).decrypt('acc-1', sealed)).toBe(secret);
    expect(() => new SecretBox(randomBytes(32), keyStore).decrypt('acc-1', sealed)).toThrow(/master key/);
  });

  it('refuses a master key that is not 32 bytes', () => {
    expect(() => new SecretBox(randomBytes(16), keyStore)).toThrow(RangeError);
  });
});
