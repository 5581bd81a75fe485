import { generateKeyPairSync, verify } from 'node:crypto';
import {
  auditDigestProblem,
  auditDigestStream,
  auditKeyId,
  AuditSigningKey,
  digestClaim,
  digestHeads,
  digestSigningInput,
  isAuditDigestStream,
  signAuditDigest,
  StreamHead,
} from './audit-digest';
import { canonicalJson } from './canonical-json';
import { signVersion1Digest } from './testing/version-1-digest';

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

  const root = { root: 'c'.repeat(64), streamCount: 2 };

  it('signs the canonical JSON of everything but the signature, with Ed25519', () => {
    const digest = signAuditDigest(root, '42', at, key);
    expect(digest).toEqual({
      version: 2,
      algorithm: 'Ed25519',
      keyId: key.keyId,
      at: '2025-03-04T05:06:07.000Z',
      coversPosition: '42',
      streamCount: 2,
      headsRoot: 'c'.repeat(64),
      signature: expect.any(String),
    });
    const { signature, ...signed } = digest;
    expect(digestSigningInput(digest).toString('utf8')).toBe(canonicalJson(signed));
    // What an auditor does with their own tools: verify the signature over those bytes with the public key.
    expect(verify(null, Buffer.from(canonicalJson(signed)), key.publicKey, Buffer.from(signature, 'base64'))).toBe(true);
    expect(auditDigestProblem(digest, key.publicKey)).toBeNull();
    expect(digestClaim(digest)).toEqual({
      version: 2,
      root: 'c'.repeat(64),
      streamCount: 2,
      coversPosition: { commit: 42n, prepare: 42n },
    });
  });

  it('still reads and checks the signature of a version-1 digest, which listed every head', () => {
    const digest = signVersion1Digest(heads, '42', at, key);
    expect(digest.heads['account-a']).toEqual({ revision: '12345678901234567890', hash: 'a'.repeat(64) });
    expect(auditDigestProblem(digest, key.publicKey)).toBeNull();
    expect(digestClaim(digest)).toEqual({ version: 1, heads: [...heads] });
    const { 'account-a': _gone, ...fewer } = digest.heads;
    expect(auditDigestProblem({ ...digest, heads: fewer }, key.publicKey)).toMatch(/signature does not match/);
  });

  it('finds a changed root, count or time, another key and a missing signature', () => {
    const digest = signAuditDigest(root, '42', at, key);
    expect(auditDigestProblem({ ...digest, headsRoot: 'd'.repeat(64) }, key.publicKey)).toMatch(/signature does not match/);
    expect(auditDigestProblem({ ...digest, streamCount: 1 }, key.publicKey)).toMatch(/signature does not match/);
    expect(auditDigestProblem({ ...digest, at: '2025-03-04T05:06:08.000Z' }, key.publicKey)).toMatch(/signature does not match/);
    expect(auditDigestProblem(digest, newKey().publicKey)).toMatch(/not the audit public key/);
    const other = newKey();
    const forged = { ...signAuditDigest(root, '42', at, other), keyId: key.keyId };
    expect(auditDigestProblem(forged, key.publicKey)).toMatch(/signature does not match/);
    const { signature: _s, ...unsigned } = digest;
    expect(auditDigestProblem(unsigned, key.publicKey)).toMatch(/no signature/);
  });

  it('rejects malformed heads or roots and names digest streams by UTC day', () => {
    expect(digestHeads({ heads: { 'account-a': { revision: 4, hash: 'x' } } })).toBeNull();
    expect(digestHeads({ heads: [] })).toBeNull();
    const digest = signAuditDigest(root, '42', at, key);
    for (const malformed of [
      { headsRoot: 'C'.repeat(64) },
      { headsRoot: null },
      { streamCount: -1 },
      { coversPosition: 'x' },
      { version: 3 },
    ]) {
      expect(digestClaim({ ...digest, ...malformed })).toBeNull();
    }
    expect(auditDigestStream(at)).toBe('auditdigest-2025-03-04');
    expect(isAuditDigestStream('auditdigest-2025-03-04')).toBe(true);
    expect(isAuditDigestStream('account-1')).toBe(false);
  });
});
