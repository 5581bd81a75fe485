const STARS = '***';
/** Local parts this short show only their first character. */
const SHORT_LOCAL = 3;

/**
 * An email address for display: `alice.smith@example.com` -> `a***h@example.com`. Keeps the first and
 * last character of the local part (only the first when it has at most three), always three stars
 * whatever its length, and the domain.
 */
export function maskEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return STARS;
  const local = [...trimmed.slice(0, at)];
  const domain = trimmed.slice(at + 1);
  const masked = local.length <= SHORT_LOCAL ? `${local[0]}${STARS}` : `${local[0]}${STARS}${local[local.length - 1]}`;
  return `${masked}@${domain}`;
}
