import { loadAuditSigningKey, publicKeyPem } from '@identity/audit';
import { AppConfig } from '@identity/config';
import { auditOptions } from './audit-options';

/** `audit public-key`: the PEM public key on standard output (only it), its key id on standard error. */
export function auditPublicKey(config: AppConfig, args: string[], out: (line: string) => void, progress: (line: string) => void): void {
  auditOptions(args, []);
  const key = loadAuditSigningKey({ envValue: config.audit.signingKey, dataDir: config.dataDir, warn: progress, create: true });
  if (!key) throw new Error('no audit signing key');
  out(publicKeyPem(key.publicKey).trimEnd());
  progress(`key id (SHA-256 of the DER SubjectPublicKeyInfo): ${key.keyId}`);
}
