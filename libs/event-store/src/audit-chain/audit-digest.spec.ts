import { generateKeyPairSync, verify } from 'node:crypto';
import {
  auditDigestProblem,
  auditDigestStream,
  auditKeyId,
  AuditSigningKey,
  digestHeads,
  digestSigningInput,
  isAuditDigestStream,
  signAuditDigest,
  StreamHead,
} from './audit-digest';
import { canonicalJson } from './canonical-json';

function newKey(): AuditSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, keyId: auditKeyId(publicKey) };
}

describe('audit digests', () => {
  const key = newKey();
  const heads = new Map<string, StreamHead>([
    ['account-b', { revision: 4n, hash: 'b'.repeat(64) }],
    ['account-a', { revision: 12345678901234567890n, hash: 'a'.repeat(64) }],
  ]);
  const at = new Date('2025-03-04T05:06:07.000Z');

  it('signs the canonical JSON of everything but the signature, with Ed25519', () => {
    const digest = signAuditDigest(heads, '42', at, key);
    expect(digest).toMatchObject({
      algorithm: 'Ed25519',
      keyId: key.keyId,
      at: at.toISOString(),
      coversPosition: '42',
      streamCount: 2,
      heads: {
        'account-a': { revision: '12345678901234567890', hash: 'a'.repeat(64) },
        'account-b': { revision: '4', hash: 'b'.repeat(64) },
      },
    });
    const { signature, ...signed } = digest;
    expect(digestSigningInput(digest).toString('utf8')).toBe(canonicalJson(signed));
    // What an auditor does with their own tools: verify the signature over those bytes with the public key.
    expect(verify(null, Buffer.from(canonicalJson(signed)), key.publicKey, Buffer.from(signature, 'base64'))).toBe(true);
    expect(auditDigestProblem(digest, key.publicKey)).toBeNull();
    expect(digestHeads(digest)).toEqual([...heads]);
  });

  it('finds a changed head, a changed time, a removed stream, another key and a missing signature', () => {
    const digest = signAuditDigest(heads, '42', at, key);
    const changedHead = { ...digest, heads: { ...digest.heads, 'account-b': { revision: '3', hash: 'b'.repeat(64) } } };
    expect(auditDigestProblem(changedHead, key.publicKey)).toMatch(/signature does not match/);
    expect(auditDigestProblem({ ...digest, at: '2025-03-04T05:06:08.000Z' }, key.publicKey)).toMatch(/signature does not match/);
    const { 'account-a': _gone, ...fewer } = digest.heads;
    expect(auditDigestProblem({ ...digest, heads: fewer }, key.publicKey)).toMatch(/signature does not match/);
    expect(auditDigestProblem(digest, newKey().publicKey)).toMatch(/not the audit public key/);
    const other = newKey();
    const forged = { ...signAuditDigest(heads, '42', at, other), keyId: key.keyId };
    expect(auditDigestProblem(forged, key.publicKey)).toMatch(/signature does not match/);
    const { signature: _s, ...unsigned } = digest;
    expect(auditDigestProblem(unsigned, key.publicKey)).toMatch(/no signature/);
  });

  it('rejects malformed heads and names digest streams by UTC day', () => {
    expect(digestHeads({ heads: { 'account-a': { revision: 4, hash: 'x' } } })).toBeNull();
    expect(digestHeads({ heads: [] })).toBeNull();
    expect(auditDigestStream(at)).toBe('auditdigest-2025-03-04');
    expect(isAuditDigestStream('auditdigest-2025-03-04')).toBe(true);
    expect(isAuditDigestStream('account-1')).toBe(false);
  });
});
