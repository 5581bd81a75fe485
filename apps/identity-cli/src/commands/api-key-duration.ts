import { UsageError } from '../cli-args';

const UNIT_SECONDS = { d: 86_400, h: 3_600, m: 60, s: 1 } as const;
/** Ten years: a longer lifetime is a mistake, not a plan. */
const MAX_SECONDS = 3650 * 86_400;

/** `--expires-in 90d` (days, hours, minutes or seconds, a whole number of them) in seconds. */
export function parseExpiresIn(value: string): number {
  const match = /^([1-9]\d{0,6})([dhms])$/.exec(value.trim());
  if (!match) throw new UsageError('--expires-in must be a whole number followed by d, h, m or s (90d, 12h, 30m)');
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  if (seconds > MAX_SECONDS) throw new UsageError('--expires-in is at most 3650d');
  return seconds;
}
