import { AES_KEY_BYTES, gcmOpen, gcmSeal } from './aes-gcm.cipher';
import { SecretBoxIntegrityError } from './secret-box.errors';

const SEAL_PREFIX = 'seal:v1:';

/**
 * AES-256-GCM for records the service keeps for itself, not for one account (the answers kept for
 * idempotency keys): one key for one purpose, derived from the master key by the caller, and each
 * sealed text bound to its record's id (the AAD), so that it cannot be moved to another record.
 */
export class RecordSeal {
  constructor(private readonly key: Buffer) {
    if (key.length !== AES_KEY_BYTES) throw new RangeError(`RecordSeal: the key must be ${AES_KEY_BYTES} bytes`);
  }

  seal(recordId: string, plaintext: string): string {
    const { iv, ciphertext, tag } = gcmSeal(this.key, Buffer.from(plaintext, 'utf8'), Buffer.from(recordId, 'utf8'));
    return `${SEAL_PREFIX}${[iv, ciphertext, tag].map((part) => part.toString('base64url')).join('.')}`;
  }

  /** The plaintext; throws SecretBoxIntegrityError when the text is malformed, altered, or another record's. */
  open(recordId: string, sealed: string): string {
    const parts = sealed.startsWith(SEAL_PREFIX) ? sealed.slice(SEAL_PREFIX.length).split('.') : [];
    const [iv, ciphertext, tag] = parts.map((part) => Buffer.from(part, 'base64url'));
    if (parts.length !== 3 || !iv || !ciphertext || !tag) throw new SecretBoxIntegrityError('not a sealed record');
    try {
      return gcmOpen(this.key, { iv, ciphertext, tag }, Buffer.from(recordId, 'utf8')).toString('utf8');
    } catch {
      throw new SecretBoxIntegrityError('authentication failed (altered, or made for another record)');
    }
  }
}
