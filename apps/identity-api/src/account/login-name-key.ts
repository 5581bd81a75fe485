import { createHash } from 'node:crypto';

/** The form in which login names are compared: Unicode NFKC, lower case. */
export function normalizeLoginName(loginName: string): string {
  return loginName.normalize('NFKC').toLowerCase();
}

/** Login names are unique regardless of case and Unicode form: the stream key is a digest of the normalised name. */
export function loginNameKey(loginName: string): string {
  return createHash('sha256').update(normalizeLoginName(loginName)).digest('hex').slice(0, 40);
}
