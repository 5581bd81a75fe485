import { createHash } from 'node:crypto';

/** Login names are unique regardless of case and Unicode form: the stream key is a digest of the normalised name. */
export function loginNameKey(loginName: string): string {
  return createHash('sha256').update(loginName.normalize('NFKC').toLowerCase()).digest('hex').slice(0, 40);
}
