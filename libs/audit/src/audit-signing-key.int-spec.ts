import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditKeyId } from '@identity/event-store';
import { AUDIT_SIGNING_KEY_FILE, loadAuditSigningKey, parsePublicKey, publicKeyPem } from './audit-signing-key';

describe('loadAuditSigningKey', () => {
  let dataDir: string;
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'audit-key-'));
    warnings.length = 0;
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reads AUDIT_SIGNING_KEY as PEM or as base64 PKCS#8 DER, and gives the same key both ways', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = String(privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const der = (privateKey.export({ type: 'pkcs8', format: 'der' }) as Buffer).toString('base64');
    const fromPem = loadAuditSigningKey({ envValue: pem, dataDir, warn, create: true });
    const fromDer = loadAuditSigningKey({ envValue: `${der}\n`, dataDir, warn, create: true });
    expect(fromPem?.keyId).toBe(auditKeyId(publicKey));
    expect(fromDer?.keyId).toBe(auditKeyId(publicKey));
    expect(warnings).toEqual([]);
    expect(() => statSync(join(dataDir, AUDIT_SIGNING_KEY_FILE))).toThrow();
  });

  it('refuses a key that is not Ed25519 or not a key, without showing it', () => {
    const rsa = String(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => loadAuditSigningKey({ envValue: rsa, dataDir, warn, create: true })).toThrow(/must be an Ed25519 private key, not rsa/);
    const error = (() => {
      try {
        loadAuditSigningKey({ envValue: 'c2VjcmV0LW5vdC1hLWtleQ==', dataDir, warn, create: true });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/^AUDIT_SIGNING_KEY must be an Ed25519 private key/);
    expect(error?.message).not.toContain('c2VjcmV0');
  });

  it('generates DATA_DIR/audit-signing.key (0600) once with a warning, then reuses it', () => {
    expect(loadAuditSigningKey({ envValue: null, dataDir, warn, create: false })).toBeNull();
    const created = loadAuditSigningKey({ envValue: null, dataDir, warn, create: true });
    const file = join(dataDir, AUDIT_SIGNING_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const again = loadAuditSigningKey({ envValue: null, dataDir, warn, create: false });
    expect(again?.keyId).toBe(created?.keyId);
    expect(warnings).toEqual([expect.stringMatching(/generated an audit signing key/), expect.stringMatching(/signed with the key in/)]);
    const message = Buffer.from('digest');
    expect(verify(null, message, again!.publicKey, sign(null, message, created!.privateKey))).toBe(true);
  });

  it('reads a published public key back from its PEM', () => {
    const key = loadAuditSigningKey({ envValue: null, dataDir, warn, create: true })!;
    const pem = publicKeyPem(key.publicKey);
    expect(pem).not.toContain('PRIVATE');
    expect(auditKeyId(parsePublicKey(pem, 'audit.pem'))).toBe(key.keyId);
    expect(() => parsePublicKey('nope', 'x.pem')).toThrow('x.pem does not hold a PEM public key');
  });
});
