import { Instant } from './types';

/** Pure time arithmetic on instants. The domain never reads the clock: `now` comes in the command. */
export function addSeconds(instant: Instant, seconds: number): Instant {
  return new Date(Date.parse(instant) + seconds * 1000).toISOString();
}

export function isBefore(a: Instant, b: Instant): boolean {
  return Date.parse(a) < Date.parse(b);
}

export function isAtOrAfter(a: Instant, b: Instant): boolean {
  return !isBefore(a, b);
}
