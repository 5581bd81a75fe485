/** Digits shown at the end of a masked phone number. */
const VISIBLE_TAIL = 4;
/** Leading (country code) digits shown, when enough digits remain hidden. */
const VISIBLE_HEAD = 2;
const MIN_HIDDEN = 3;

/**
 * A phone number for display: `+8613812345678` -> `+86*******5678`. Keeps a leading '+', up to two
 * leading digits and the last four, with one star per hidden digit; separators are dropped. Short
 * numbers show fewer digits so that at least three stay hidden.
 */
export function maskPhone(phone: string): string {
  const trimmed = phone.trim();
  const plus = trimmed.startsWith('+') ? '+' : '';
  const digits = trimmed.replace(/[^0-9]/g, '');
  const tail = Math.min(VISIBLE_TAIL, Math.max(0, digits.length - MIN_HIDDEN));
  const head = digits.length - tail - VISIBLE_HEAD >= MIN_HIDDEN ? VISIBLE_HEAD : 0;
  const hidden = digits.length - head - tail;
  return `${plus}${digits.slice(0, head)}${'*'.repeat(hidden)}${digits.slice(digits.length - tail)}`;
}
